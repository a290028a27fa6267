// What fastify answers itself, before any route runs, in the app's one error shape: `{ "message": … }`.
import { connect } from 'node:net';

import { eventually } from 'shared';
import { createApp } from '../../src/entrypoints/fastify-app';

/** The app, plus a route that answers only when told: a request in hand while the app shuts down. */
function appWithAHeldRoute() {
  const app = createApp({
    bus: () => {
      throw new Error('no bus: these answers come before any route');
    },
    logger: false,
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const inHand = { count: 0 };
  app.get('/held/:id', async () => {
    inHand.count += 1;
    await held;
    return 'done';
  });
  return { app, release, inHand };
}

it('a bad URL answers 400 with a message', async () => {
  const { app } = appWithAHeldRoute();

  const r = await app.inject('/held/%E0%A4%A');

  expect(r.statusCode).toBe(400);
  expect(r.json()).toEqual({ message: "'/held/%E0%A4%A' is not a valid url component" });
  await app.close();
});

it('a URL part too long answers 414 with a message', async () => {
  const { app } = appWithAHeldRoute();

  const r = await app.inject(`/held/${'x'.repeat(200)}`);

  expect(r.statusCode).toBe(414);
  expect(r.json<{ message: string }>().message).toMatch(/exceeding the max param length/);
  await app.close();
});

it('a request that comes while the app shuts down answers 503 with a message', async () => {
  const { app, release, inHand } = appWithAHeldRoute();
  await app.listen({ host: '127.0.0.1', port: 0 });
  let parsed = 0; // requests read off the connection
  app.server.on('request', () => (parsed += 1));
  const socket = connect((app.server.address() as { port: number }).port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.write('GET /held/1 HTTP/1.1\r\nHost: app\r\n\r\n'); // in hand: the connection stays open
  await eventually(() => expect(inHand.count).toBe(1));

  const closed = app.close();
  await eventually(() => expect(app.server.listening).toBe(false)); // it takes no new connection now
  socket.write('GET /held/2 HTTP/1.1\r\nHost: app\r\n\r\n'); // on the same connection, once close began
  await eventually(() => expect(parsed).toBe(2));
  release(); // answers go out in order: the one in hand first
  await closed;

  await eventually(() => expect(received).toContain('503 Service Unavailable'));
  expect(received).toContain('{"message":"Shutting down"}');
  expect(inHand.count).toBe(1); // the second never reached its route
  socket.destroy();
});
