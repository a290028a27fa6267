import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DataSource } from 'typeorm';
import * as commands from '../domain/commands';
import { InvalidSku } from '../service-layer/handlers';
import * as messagebus from '../service-layer/messagebus';
import { isConcurrencyConflict, isDuplicateBatchref, isRejectedValue } from '../adapters/postgres-errors';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import * as views from '../views';
import { waitForRequestsInHandOnClose } from './in-flight';
import { retryingConflicts } from './retry';

// PostgreSQL text holds no NUL character
const Reference = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' });
const Quantity = Type.Integer({ minimum: 1, maximum: 2_147_483_647 }); // an int4 column

const AddBatchBody = Type.Object(
  {
    ref: Reference,
    sku: Reference,
    qty: Quantity,
    // a calendar day, 'YYYY-MM-DD'; PostgreSQL has no year 0
    eta: Type.Union([Type.String({ format: 'date', pattern: '^(?!0000)' }), Type.Null()]),
  },
  { additionalProperties: false },
);

const AllocateBody = Type.Object(
  { orderid: Reference, sku: Reference, qty: Quantity },
  { additionalProperties: false },
);

const Allocations = Type.Array(Type.Object({ sku: Type.String(), batchref: Type.String() }));
const ErrorBody = Type.Object({ message: Type.String() });

export interface AppOptions {
  /** Each request gets a unit of work of its own over this data source. */
  dataSource: DataSource;
  logger?: FastifyServerOptions['logger'];
}

/** The book's flask_app: routes only. Listening and shutting down are server.ts's business. */
export function createApp({ dataSource, logger = true }: AppOptions): FastifyInstance {
  const app = Fastify({
    logger,
    bodyLimit: 16 * 1024,
    // no type coercion ("3" is not a quantity) and no silent removal of unknown fields
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  waitForRequestsInHandOnClose(app);

  const handle = (message: messagebus.Message): Promise<void> =>
    retryingConflicts(() => messagebus.handle(message, new TypeOrmUnitOfWork(dataSource)));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const [invalid] = error.validation ?? [];
    if (invalid)
      return reply
        .status(400)
        .send({ message: `${error.validationContext}${invalid.instancePath} ${invalid.message}` });
    if (isRejectedValue(error)) return reply.status(400).send({ message: `Invalid value: ${error.message}` });
    if (isConcurrencyConflict(error)) {
      return reply.status(409).send({ message: 'Too many concurrent updates; please retry' });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.status(status).send({ message: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ message: 'Internal Server Error' });
  });

  app.post(
    '/add_batch',
    { schema: { body: AddBatchBody, response: { 201: Type.String(), 409: ErrorBody } } },
    async (request, reply) => {
      const { ref, sku, qty, eta } = request.body;
      try {
        await handle(new commands.CreateBatch(ref, sku, qty, eta));
      } catch (error) {
        if (isDuplicateBatchref(error))
          return reply.status(409).send({ message: `Batch ${ref} already exists` });
        throw error;
      }
      return reply.status(201).send('OK');
    },
  );

  app.post(
    '/allocate',
    { schema: { body: AllocateBody, response: { 202: Type.String(), 400: ErrorBody, 409: ErrorBody } } },
    async (request, reply) => {
      const { orderid, sku, qty } = request.body;
      try {
        await handle(new commands.Allocate(orderid, sku, qty));
      } catch (error) {
        if (error instanceof InvalidSku) return reply.status(400).send({ message: error.message });
        if (isConcurrencyConflict(error)) {
          return reply
            .status(409)
            .send({ message: `Too many concurrent updates to sku ${sku}; please retry` });
        }
        throw error;
      }
      return reply.status(202).send('OK'); // accepted: GET /allocations/:orderid tells where it went
    },
  );

  app.get(
    '/allocations/:orderid',
    {
      schema: { params: Type.Object({ orderid: Reference }), response: { 200: Allocations, 404: ErrorBody } },
    },
    async (request, reply) => {
      const { orderid } = request.params;
      const result = await views.allocations(orderid, new TypeOrmUnitOfWork(dataSource));
      if (result.length === 0)
        return reply.status(404).send({ message: `No allocations for order ${orderid}` });
      return reply.status(200).send(result);
    },
  );

  return app;
}
