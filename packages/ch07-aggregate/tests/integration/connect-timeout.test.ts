import { createServer, type Server, type Socket } from 'node:net';
import { createDataSource } from '../../src/adapters/orm';

// Stands in for a DATABASE_URL host that drops packets: it takes the connection and never answers.
let silentHost: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silentHost = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentHost.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silentHost.close(resolve));
});

it('start-up gives up on a database that never answers, naming PostgreSQL and the timeout', async () => {
  const address = silentHost.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const dataSource = createDataSource(`postgres://app:secret@127.0.0.1:${port}/allocation`, {
    connectTimeoutMs: 250, // the app's 5 s, shortened: the test waits it out
  });

  const starting = dataSource.initialize(); // jest's test timeout bounds it: without a connect timeout it hangs

  await expect(starting).rejects.toThrow(`could not connect to PostgreSQL at 127.0.0.1:${port}`);
  await expect(starting).rejects.toThrow(/timeout/);
});

it('the app waits 5 s for PostgreSQL to answer', () => {
  expect(createDataSource('postgres://app:secret@127.0.0.1:5432/allocation').options).toMatchObject({
    connectTimeoutMS: 5_000,
  });
});
