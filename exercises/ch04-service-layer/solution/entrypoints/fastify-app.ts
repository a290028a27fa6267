import type { FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import { OrderLine, OutOfStock } from 'ch04-service-layer/src/domain/model';
import { TypeOrmRepository } from 'ch04-service-layer/src/adapters/repository';
import { withSession } from 'ch04-service-layer/src/adapters/session';
import { createFastify } from 'ch04-service-layer/src/entrypoints/fastify-setup';
import * as services from '../service-layer/services';
import { AddBatchBody, AllocateBody, DeallocateBody } from './request-schemas';

export interface AppOptions {
  dataSource: DataSource; // each request gets a session of its own on it
  logger?: FastifyServerOptions['logger'];
}

/** The book's flask_app: its routes. With the exercise's POST /add_batch and POST /deallocate. */
export function createApp({ dataSource, logger }: AppOptions) {
  const app = createFastify(logger);

  app.post('/add_batch', { schema: { body: AddBatchBody } }, async (request, reply) => {
    const { ref, sku, qty, eta } = request.body;
    await withSession(dataSource, (session) =>
      services.addBatch(ref, sku, qty, eta, new TypeOrmRepository(session), session),
    );
    return reply.status(201).send('OK');
  });

  app.post('/allocate', { schema: { body: AllocateBody } }, async (request, reply) => {
    const line = new OrderLine(request.body.orderid, request.body.sku, request.body.qty);
    try {
      const batchref = await withSession(dataSource, (session) =>
        services.allocate(line, new TypeOrmRepository(session), session),
      );
      return reply.status(201).send({ batchref });
    } catch (error) {
      if (error instanceof OutOfStock || error instanceof services.InvalidSku)
        return reply.status(400).send({ message: error.message });
      throw error;
    }
  });

  app.post('/deallocate', { schema: { body: DeallocateBody } }, async (request, reply) => {
    const { orderid, sku } = request.body;
    try {
      await withSession(dataSource, (session) =>
        services.deallocate(orderid, sku, new TypeOrmRepository(session), session),
      );
      return reply.status(200).send('OK');
    } catch (error) {
      if (error instanceof services.InvalidSku) return reply.status(400).send({ message: error.message });
      throw error;
    }
  });

  return app;
}
