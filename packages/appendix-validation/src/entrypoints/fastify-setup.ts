import { isUtf8 } from 'node:buffer';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerTo } from './error-answers';
import { MalformedMessage, parseJson } from './message-parsing';

/**
 * What every route gets and the book's Flask app lacks: a body limit, strict JSON, one mapping of
 * errors to answers. The routes check what they take themselves (message-schemas.ts), as the
 * Redis consumer does, so fastify validates nothing.
 */
export function createFastify(logger: FastifyServerOptions['logger'] = true) {
  // fastify answers a bad URL and a request during shutdown with bodies of its own: `{ message }` here too
  const options = { logger, bodyLimit: 16 * 1024, frameworkErrors, return503OnClosing: false };
  const app = Fastify(options);
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
    if (!isUtf8(body)) return done(new MalformedMessage('Body is not valid UTF-8'));
    try {
      done(null, parseJson(body.toString('utf8')));
    } catch (error) {
      done(error as MalformedMessage);
    }
  });
  return app;
}

const frameworkErrors = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
  void reply.status(error.statusCode ?? 400).send({ message: error.message });
