import { isUtf8 } from 'node:buffer';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isConcurrencyConflict, isDuplicateBatchref } from '../adapters/postgres-errors';

const strict = { customOptions: { coerceTypes: false, removeAdditional: false } }; // "3" is no quantity

/** What every route gets and the book's Flask app lacks: a body limit, strict JSON, one mapping of errors to answers. */
export function createFastify(logger: FastifyServerOptions['logger'] = true) {
  // fastify answers a bad URL and a request during shutdown with bodies of its own: `{ message }` here too
  const options = { logger, bodyLimit: 16 * 1024, ajv: strict, frameworkErrors, return503OnClosing: false };
  const app = Fastify(options).withTypeProvider<TypeBoxTypeProvider>();
  let closing = false;
  app.addHook('preClose', async () => void (closing = true));
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) await reply.status(503).header('connection', 'close').send({ message: 'Shutting down' });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = answerTo(error, request.body);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({ message });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ message: `No route ${request.url}` }));
  // fastify's own JSON parser would store bytes that are not UTF-8, and lone UTF-16 surrogates, as U+FFFD
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    if (!isUtf8(body)) return done(badRequest('Body is not valid UTF-8'));
    try {
      done(null, JSON.parse(body.toString('utf8'), wellFormedOnly));
    } catch (error) {
      done(badRequest(`Body is not valid JSON: ${(error as Error).message}`));
    }
  });
  return app;
}

const frameworkErrors = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
  void reply.status(error.statusCode ?? 400).send({ message: error.message });

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400 });

/** JSON.parse's reviver: text holding a lone UTF-16 surrogate (`"\ud800"`) is no text. */
function wellFormedOnly(key: string, value: unknown): unknown {
  if (key.isWellFormed() && (typeof value !== 'string' || value.isWellFormed())) return value;
  throw new Error(`a lone UTF-16 surrogate in ${JSON.stringify(key)}`);
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
