import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DataSource } from 'typeorm';
import * as events from '../domain/events';
import { InvalidSku } from '../service-layer/handlers';
import * as messagebus from '../service-layer/messagebus';
import {
  isConcurrencyConflict,
  isDuplicateBatchref,
  isRejectedValue,
  retryingConflicts,
} from '../adapters/postgres-errors';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';

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

const Allocated = Type.Object({ batchref: Type.String() });
const ErrorBody = Type.Object({ message: Type.String() });

const utf8 = new TextDecoder('utf-8', { fatal: true }); // throws on bytes that are not UTF-8

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
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = answerTo(error, request.body);
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({ message });
  });
  // fastify's own JSON parser would store bytes that are not UTF-8 as U+FFFD; refuse them instead
  const parseJson = app.getDefaultJsonParser('error', 'error'); // fastify's defaults: no __proto__, no constructor
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(Object.assign(new Error('Body is not valid UTF-8'), { statusCode: 400 }));
      return;
    }
    void parseJson(request, text, done); // the default parser answers through done, never with a promise
  });

  const handle = (event: events.Event): Promise<unknown[]> =>
    retryingConflicts(() => messagebus.handle(event, new TypeOrmUnitOfWork(dataSource)));

  app.post('/add_batch', { schema: { body: AddBatchBody } }, async (request, reply) => {
    const { ref, sku, qty, eta } = request.body;
    await handle(new events.BatchCreated(ref, sku, qty, eta));
    return reply.status(201).send('OK');
  });

  app.post(
    '/allocate',
    { schema: { body: AllocateBody, response: { 201: Allocated, 400: ErrorBody } } },
    async (request, reply) => {
      const { orderid, sku, qty } = request.body;
      const results = await handle(new events.AllocationRequired(orderid, sku, qty));
      const batchref = results[0] as string | null; // the first result is that of allocate, the event's handler
      // out of stock is an event since chapter 8, not an error; still, nothing was allocated
      if (batchref === null) return reply.status(400).send({ message: `Out of stock for sku ${sku}` });
      return reply.status(201).send({ batchref });
    },
  );

  return app;
}

/** The one place where errors become answers: 4xx with a clear message, 500 without details. */
function answerTo(error: FastifyError, body: unknown): { status: number; message: string } {
  const { ref, sku } = (body ?? {}) as { ref?: string; sku?: string }; // a valid body, unless the error says otherwise
  const [invalid] = error.validation ?? [];
  if (invalid)
    return { status: 400, message: `${error.validationContext}${invalid.instancePath} ${invalid.message}` };
  if (error instanceof InvalidSku) return { status: 400, message: error.message };
  if (isRejectedValue(error)) return { status: 400, message: `Invalid value: ${error.message}` };
  if (isDuplicateBatchref(error)) return { status: 409, message: `Batch ${ref} already exists` };
  if (isConcurrencyConflict(error))
    return { status: 409, message: `Too many concurrent updates to sku ${sku}; please retry` };
  const status = error.statusCode ?? 500;
  return status < 500
    ? { status, message: error.message }
    : { status: 500, message: 'Internal Server Error' };
}
