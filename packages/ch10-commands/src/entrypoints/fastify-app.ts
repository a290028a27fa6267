import type { FastifyServerOptions } from 'fastify';
import type { DataSource } from 'typeorm';
import * as commands from '../domain/commands';
import { InvalidSku } from '../service-layer/handlers';
import * as messagebus from '../service-layer/messagebus';
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
    const cmd = new commands.CreateBatch(ref, sku, qty, eta);
    await messagebus.handle(cmd, new TypeOrmUnitOfWork(dataSource));
    return reply.status(201).send('OK');
  });

  app.post('/allocate', { schema: { body: AllocateBody } }, async (request, reply) => {
    const { orderid, sku, qty } = request.body;
    let batchref: string | null;
    try {
      const cmd = new commands.Allocate(orderid, sku, qty);
      const results = await messagebus.handle(cmd, new TypeOrmUnitOfWork(dataSource));
      batchref = results.shift() as string | null; // the first result is that of allocate, the command's handler
    } catch (error) {
      if (error instanceof InvalidSku) return reply.status(400).send({ message: error.message });
      throw error;
    }
    // out of stock is an event since chapter 8, not an error: the book answers 201 with no batchref
    if (batchref === null) return reply.status(400).send({ message: `Out of stock for sku ${sku}` });
    return reply.status(201).send({ batchref });
  });

  return app;
}
