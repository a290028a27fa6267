import { isUtf8 } from 'node:buffer';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { isDuplicateBatchref } from '../adapters/postgres-errors';

const strict = { customOptions: { coerceTypes: false, removeAdditional: false } }; // "3" is no quantity

/** What every route gets and the book's Django views lack: a body limit, strict JSON, shutdown answers. */
export function createAdapter(logger: FastifyServerOptions['logger'] = true): FastifyAdapter {
  // fastify answers a bad URL and a request during shutdown with bodies of its own: `{ message }` here too
  const options = { logger, bodyLimit: 16 * 1024, ajv: strict, frameworkErrors, return503OnClosing: false };
  const adapter = new FastifyAdapter(options);
  const app = adapter.getInstance();
  let closing = false;
  app.addHook('preClose', async () => void (closing = true));
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) await reply.status(503).header('connection', 'close').send({ message: 'Shutting down' });
  });
  // fastify's own JSON parser would store bytes that are not UTF-8, and lone UTF-16 surrogates, as U+FFFD
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    if (!isUtf8(body)) return done(badRequest('Body is not valid UTF-8'));
    try {
      done(null, JSON.parse(body.toString('utf8'), wellFormedOnly));
    } catch (error) {
      done(badRequest(`Body is not valid JSON: ${(error as Error).message}`));
    }
  });
  return adapter;
}

const frameworkErrors = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
  void reply.status(error.statusCode ?? 400).send({ message: error.message });

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400 });

/** JSON.parse's reviver: text holding a lone UTF-16 surrogate (`"\ud800"`) is no text. */
function wellFormedOnly(key: string, value: unknown): unknown {
  if (key.isWellFormed() && (typeof value !== 'string' || value.isWellFormed())) return value;
  throw new Error(`a lone UTF-16 surrogate in ${JSON.stringify(key)}`);
}

/** Every error a request meets, Nest's own and fastify's, answered `{ message }`: Nest's shape has more. */
@Catch()
export class ErrorAnswers implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { status, message } = answerTo(error, request.body);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void http
      .getResponse<FastifyReply>()
      .status(status)
      .type('application/json; charset=utf-8')
      .send({ message });
  }
}

function answerTo(error: Error, body: unknown): { status: number; message: string } {
  const { statusCode } = error as Partial<FastifyError>; // the JSON parser's errors (Nest makes fastify's HttpExceptions)
  const { ref } = (body ?? {}) as { ref?: string }; // what the request said, as far as it was read
  if (isDuplicateBatchref(error)) return { status: 409, message: `Batch ${ref} already exists` };
  const status = error instanceof HttpException ? error.getStatus() : (statusCode ?? 500);
  return { status, message: status < 500 ? error.message : 'Internal Server Error' };
}
