import type { FastifyServerOptions } from 'fastify';
import type { MessageBus } from '../service-layer/messagebus';
import * as views from '../views';
import { createFastify } from './fastify-setup';
import { check } from './message-parsing';
import * as schemas from './message-schemas';

export interface AppOptions {
  bus: () => MessageBus; // bootstrap(), with a unit of work of its own for each request (see the README)
  logger?: FastifyServerOptions['logger'];
}

/**
 * The book's flask_app: its routes. Each builds its command from the body through the command's
 * schema; what cannot be built, or is refused by the bus, is answered by fastify-setup's one mapping.
 */
export function createApp({ bus, logger }: AppOptions) {
  const app = createFastify(logger);

  app.post('/add_batch', async (request, reply) => {
    const cmd = schemas.CreateBatch.fromJson(request.body);
    await bus().handle(cmd);
    return reply.status(201).send('OK');
  });

  app.post('/allocate', async (request, reply) => {
    const cmd = schemas.Allocate.fromJson(request.body);
    await bus().handle(cmd); // an unknown sku is unprocessable: 422, from the bus's check
    return reply.status(202).send('OK'); // accepted: GET /allocations/:orderid tells where it went
  });

  app.get('/allocations/:orderid', async (request, reply) => {
    const { orderid } = check(schemas.AllocationsParams, request.params, 'path');
    const result = await views.allocations(orderid, bus().uow);
    if (result.length === 0)
      return reply.status(404).send({ message: `No allocations for order ${orderid}` });
    return reply.status(200).send(result);
  });

  return app;
}
