import { request } from 'node:http';
import Fastify from 'fastify';
import { waitForRequestsInHandOnClose } from '../../src/entrypoints/in-flight';

it('closing the server waits for a request in hand, even when its client has hung up', async () => {
  const app = Fastify();
  waitForRequestsInHandOnClose(app);
  const events: string[] = [];
  let started!: () => void;
  const handlerStarted = new Promise<void>((resolve) => (started = resolve));
  app.post('/slow', async () => {
    started();
    await new Promise((resolve) => setTimeout(resolve, 200));
    events.push('handler finished');
    return 'OK';
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = request(`${url}/slow`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  client.on('error', () => {});
  client.end('{}');
  await handlerStarted;

  client.destroy(); // the client hangs up
  await app.close();
  events.push('closed');

  expect(events).toEqual(['handler finished', 'closed']);
});
