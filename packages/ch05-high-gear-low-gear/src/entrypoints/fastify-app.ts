import type { FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import { OutOfStock } from '../domain/model';
import { TypeOrmRepository } from '../adapters/repository';
import { withSession } from '../adapters/session';
import * as services from '../service-layer/services';
import { createFastify } from './fastify-setup';
import { AddBatchBody, AllocateBody } from './request-schemas';

export interface AppOptions {
  dataSource: DataSource; // each request gets a session of its own on it
  logger?: FastifyServerOptions['logger'];
}

/** The book's flask_app: its routes. Listening and shutting down are server.ts's business. */
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
    const { orderid, sku, qty } = request.body;
    try {
      const batchref = await withSession(dataSource, (session) =>
        services.allocate(orderid, sku, qty, new TypeOrmRepository(session), session),
      );
      return reply.status(201).send({ batchref });
    } catch (error) {
      if (error instanceof OutOfStock || error instanceof services.InvalidSku)
        return reply.status(400).send({ message: error.message });
      throw error;
    }
  });

  return app;
}
