import type { FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import { OutOfStock } from '../domain/model';
import * as services from '../service-layer/services';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { createFastify } from './fastify-setup';
import { AddBatchBody, AllocateBody } from './request-schemas';

export interface AppOptions {
  dataSource: DataSource; // each request gets a unit of work of its own on it
  logger?: FastifyServerOptions['logger'];
}

/** The book's flask_app: its routes. Listening and shutting down are server.ts's business. */
export function createApp({ dataSource, logger }: AppOptions) {
  const app = createFastify(logger);

  app.post('/add_batch', { schema: { body: AddBatchBody } }, async (request, reply) => {
    const { ref, sku, qty, eta } = request.body;
    await services.addBatch(ref, sku, qty, eta, new TypeOrmUnitOfWork(dataSource));
    return reply.status(201).send('OK');
  });

  app.post('/allocate', { schema: { body: AllocateBody } }, async (request, reply) => {
    const { orderid, sku, qty } = request.body;
    try {
      const batchref = await services.allocate(orderid, sku, qty, new TypeOrmUnitOfWork(dataSource));
      return reply.status(201).send({ batchref });
    } catch (error) {
      if (error instanceof OutOfStock || error instanceof services.InvalidSku)
        return reply.status(400).send({ message: error.message });
      throw error;
    }
  });

  return app;
}
