import { isUtf8 } from 'node:buffer';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isConcurrencyConflict, isDuplicateBatchref } from '../adapters/postgres-errors';

const strict = { customOptions: { coerceTypes: false, removeAdditional: false } }; // "3" is no quantity

/** What every route gets and the book's Flask app lacks: a body limit, strict JSON, one mapping of errors to answers. */
export function createFastify(logger: FastifyServerOptions['logger'] = true) {
  const app = Fastify({ logger, bodyLimit: 16 * 1024, ajv: strict }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = answerTo(error, request.body);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({ message });
  });
  // fastify's own JSON parser would store bytes that are not UTF-8 as U+FFFD; refuse them instead
  const parseJson = app.getDefaultJsonParser('error', 'error'); // fastify's defaults: no __proto__, no constructor
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) return done(Object.assign(new Error('Body is not valid UTF-8'), { statusCode: 400 }));
    void parseJson(request, body.toString('utf8'), done); // the default parser answers through done, never with a promise
  });
  return app;
}

function answerTo(error: FastifyError, body: unknown): { status: number; message: string } {
  const [invalid] = error.validation ?? [];
  if (invalid)
    return { status: 400, message: `${error.validationContext}${invalid.instancePath} ${invalid.message}` };
  const { ref, sku } = (body ?? {}) as { ref?: string; sku?: string }; // what the request said, as far as it was read
  if (isDuplicateBatchref(error)) return { status: 409, message: `Batch ${ref} already exists` };
  if (isConcurrencyConflict(error))
    return { status: 409, message: `Sku ${sku} was changed by a concurrent request; try again` };
  const status = error.statusCode ?? 500;
  return { status, message: status < 500 ? error.message : 'Internal Server Error' };
}
