import type { FastifyServerOptions } from 'fastify';
import * as commands from '../domain/commands';
import { InvalidSku } from '../service-layer/handlers';
import type { MessageBus } from '../service-layer/messagebus';
import * as views from '../views';
import { createFastify } from './fastify-setup';
import { AddBatchBody, AllocateBody, AllocationsParams } from './request-schemas';

export interface AppOptions {
  bus: () => MessageBus; // bootstrap(), with a unit of work of its own for each request (see the README)
  logger?: FastifyServerOptions['logger'];
}

/** The book's flask_app: its routes. Listening and shutting down are server.ts's business. */
export function createApp({ bus, logger }: AppOptions) {
  const app = createFastify(logger);

  app.post('/add_batch', { schema: { body: AddBatchBody } }, async (request, reply) => {
    const { ref, sku, qty, eta } = request.body;
    const cmd = new commands.CreateBatch(ref, sku, qty, eta);
    await bus().handle(cmd);
    return reply.status(201).send('OK');
  });

  app.post('/allocate', { schema: { body: AllocateBody } }, async (request, reply) => {
    const { orderid, sku, qty } = request.body;
    try {
      const cmd = new commands.Allocate(orderid, sku, qty);
      await bus().handle(cmd);
    } catch (error) {
      if (error instanceof InvalidSku) return reply.status(400).send({ message: error.message });
      throw error;
    }
    return reply.status(202).send('OK'); // accepted: GET /allocations/:orderid tells where it went
  });

  app.get('/allocations/:orderid', { schema: { params: AllocationsParams } }, async (request, reply) => {
    const { orderid } = request.params;
    const result = await views.allocations(orderid, bus().uow);
    if (result.length === 0)
      return reply.status(404).send({ message: `No allocations for order ${orderid}` });
    return reply.status(200).send(result);
  });

  return app;
}
