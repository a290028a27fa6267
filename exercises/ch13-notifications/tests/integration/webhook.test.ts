import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootstrap } from 'ch13-di/src/bootstrap';
import * as commands from 'ch13-di/src/domain/commands';
import { WebhookNotifications } from '../../src/adapters/webhook-notifications';
import { dropPublished, FakeUnitOfWork } from '../fakes';

const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];
const webhook = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    received.push({ headers: request.headers, body: JSON.parse(body) });
    response.end('ok');
  });
});

beforeAll(async () => {
  webhook.listen(0, '127.0.0.1');
  await once(webhook, 'listening');
});
afterAll(async () => {
  webhook.closeAllConnections();
  webhook.close();
  await once(webhook, 'close');
});

it('out of stock reaches a real webhook over HTTP', async () => {
  const { port } = webhook.address() as AddressInfo;
  const bus = bootstrap({
    uow: new FakeUnitOfWork(),
    notifications: new WebhookNotifications(`http://127.0.0.1:${port}/hooks/stock`),
    publish: dropPublished,
  });

  await bus.handle(new commands.CreateBatch('b1', 'MISERABLE-LAMP', 1, null));
  await bus.handle(new commands.Allocate('o1', 'MISERABLE-LAMP', 2));

  expect(received.map((request) => request.body)).toEqual([
    { to: 'stock@made.com', text: 'Out of stock for MISERABLE-LAMP' },
  ]);
  expect(received[0]?.headers['content-type']).toBe('application/json');
});
