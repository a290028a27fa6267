// What the fault tests share: an app on URLs of their choosing (a proxy in front of a service, so it
// can go away), a load of allocations, and what the write side, the view and the stream hold.
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, randomBatchref, randomOrderid, randomSku, type TestDatabase } from 'shared';
import type { DataSource } from 'typeorm';
import { LogNotifications } from '../../src/adapters/notifications';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { createDataSource, runMigrations } from '../../src/adapters/database';
import { bootstrap } from '../../src/bootstrap';
import { createApp } from '../../src/entrypoints/fastify-app';
import { startRelay } from '../../src/entrypoints/outbox-relay';
import type { MessageBus } from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { QUICK } from './api-client';
import { allocatedEvents } from './redis-client';

export interface RunningApp {
  readonly url: string;
  readonly dataSource: DataSource;
  readonly bus: () => MessageBus;
  readonly stop: () => Promise<void>;
}

/** The API and its relay as server.ts runs them, on `databaseUrl`; the relay publishes with the module's publisher. */
export async function startApp(databaseUrl: string, { relay = true } = {}): Promise<RunningApp> {
  const dataSource = await createDataSource(databaseUrl, { connectTimeoutMs: 1_000 }).initialize();
  const bus = () =>
    bootstrap({ uow: new TypeOrmUnitOfWork(dataSource), notifications: new LogNotifications() });
  const relaying = relay ? startRelay(dataSource, redisEventpublisher.publish, QUICK.relay) : undefined;
  const app = createApp({ bus, logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    dataSource,
    bus,
    stop: async () => {
      app.server.closeAllConnections();
      await app.close();
      await relaying?.stop();
      await dataSource.destroy();
    },
  };
}

/** A database of the test file's own, with the schema. */
export async function migratedDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const dataSource = await createDataSource(database.url).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  return database;
}

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
    .then(async (r) => (await r.text(), r.status))
    .catch(() => 0); // no answer: the app may or may not have committed it

/** Skus with a big batch each, added through the first app. */
export async function stock(url: string, skus = 4): Promise<string[]> {
  const made = Array.from({ length: skus }, () => randomSku());
  for (const sku of made)
    expect(await post(url, '/add_batch', { ref: randomBatchref(), sku, qty: 100_000, eta: null })).toBe(201);
  return made;
}

/**
 * `clients` at a time post allocations of 1 for `ms` milliseconds, spread over the apps and skus, and
 * each waits `pauseMs` between its own; on a machine so busy that fewer than `atLeast` were accepted
 * by then, they go on (up to 20 s) until they were. The answers, by status (0: none).
 */
export async function allocateFor(
  urls: string[],
  skus: string[],
  {
    ms,
    clients = 6,
    pauseMs = 0,
    atLeast = 10,
  }: { ms: number; clients?: number; pauseMs?: number; atLeast?: number },
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const [until, cap] = [Date.now() + ms, Date.now() + 20_000];
  const going = () => Date.now() < until || ((statuses.get(202) ?? 0) < atLeast && Date.now() < cap);
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; going(); i++) {
        const status = await post(urls[(client + i) % urls.length]!, '/allocate', {
          orderid: randomOrderid(`${client}-${i}`),
          sku: skus[client % skus.length],
          qty: 1,
        });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        await sleep(status === 202 ? pauseMs : 20);
      }
    }),
  );
  return statuses;
}

export interface Allocation {
  orderid: string;
  sku: string;
  batchref: string;
}

const sorted = (rows: Allocation[]): Allocation[] =>
  rows
    .map(({ orderid, sku, batchref }) => ({ orderid, sku, batchref }))
    .sort((a, b) => a.orderid.localeCompare(b.orderid));

/** Every allocation committed, from the write side. */
export async function committedAllocations(dataSource: DataSource): Promise<Allocation[]> {
  return sorted(
    await dataSource.query<Allocation[]>(
      'SELECT l.orderid, l.sku, b.reference AS batchref FROM allocations a ' +
        'JOIN order_lines l ON l.id = a.orderline_id JOIN batches b ON b.id = a.batch_id',
    ),
  );
}

/** Every row of the read model. */
export async function viewedAllocations(dataSource: DataSource): Promise<Allocation[]> {
  return sorted(await dataSource.query<Allocation[]>('SELECT orderid, sku, batchref FROM allocations_view'));
}

/** Every Allocated event on the stream, with its message id. */
export async function publishedAllocations(redisUrl: string): Promise<Allocation[]> {
  return sorted(await allocatedEvents(redisUrl));
}

/** How many messages of the outbox are still to be sent. */
export async function unsent(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query<[{ count: number }]>(
    'SELECT count(*)::int AS count FROM outbox WHERE sent_at IS NULL',
  );
  return count;
}
