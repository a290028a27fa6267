import { request } from 'node:http';
import Fastify from 'fastify';
import { waitForRequestsInHandOnClose } from '../../src/entrypoints/in-flight';

it('closing the server waits for a request in hand, even when its client has hung up', async () => {
  const app = Fastify();
  waitForRequestsInHandOnClose(app);
  let handlerStarted!: () => void;
  const started = new Promise<void>((resolve) => (handlerStarted = resolve));
  let finishHandler!: () => void;
  const finish = new Promise<void>((resolve) => (finishHandler = resolve));
  app.post('/slow', async () => {
    handlerStarted();
    await finish;
    return 'OK';
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = request(`${url}/slow`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  client.on('error', () => {});
  client.end('{}');
  await started;

  client.destroy(); // the client hangs up
  let closed = false;
  const closing = app.close().then(() => (closed = true));
  await new Promise((resolve) => setTimeout(resolve, 100));

  expect(closed).toBe(false); // still waiting for the handler
  finishHandler();
  await closing;
  expect(closed).toBe(true);
});
