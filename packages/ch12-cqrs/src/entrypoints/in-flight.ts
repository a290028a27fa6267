import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Makes `app.close()` wait for the requests in hand, even those whose client hung up (fastify stops
 * waiting for them), so that server.ts does not take the database away from under a handler.
 * A request is in hand from `onRequest` until its answer is sent (`onSend`).
 */
export function waitForRequestsInHandOnClose(app: FastifyInstance, { timeoutMs = 10_000 } = {}): void {
  const inHand = new Set<FastifyRequest>();
  let allAnswered: (() => void) | undefined;

  app.addHook('onRequest', async (request) => {
    inHand.add(request);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    inHand.delete(request);
    if (inHand.size === 0) allAnswered?.();
    return payload;
  });
  app.addHook('onClose', async () => {
    if (inHand.size === 0) return;
    await new Promise<void>((resolve) => {
      allAnswered = resolve;
      setTimeout(resolve, timeoutMs).unref(); // a handler that never answers must not hold up shutdown
    });
  });
}
