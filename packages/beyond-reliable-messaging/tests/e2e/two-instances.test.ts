// Two API instances (each with its relay) and two consumers on one database and one Redis, under a
// load of allocations and quantity changes at once.
import { eventually, type ProvidedService, startRedis, type TestDatabase } from 'shared';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { logger as consumerLogger, startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import { logger as busLogger } from '../../src/service-layer/messagebus';
import { QUICK } from './api-client';
import {
  allocateFor,
  committedAllocations,
  migratedDatabase,
  publishedAllocations,
  type RunningApp,
  startApp,
  stock,
  unsent,
  viewedAllocations,
} from './fault-support';
import { addMessages, allocatedEvents, pendingCount, readStream } from './redis-client';

let database: TestDatabase;
let redis: ProvidedService;
let apps: RunningApp[];
let consumers: Awaited<ReturnType<typeof startConsumer>>[];

beforeAll(async () => {
  [database, redis] = await Promise.all([migratedDatabase(), startRedis()]);
  redisEventpublisher.connect(redis.url);
  apps = await Promise.all([startApp(database.url), startApp(database.url)]);
  consumers = await Promise.all(apps.map((app) => startConsumer(redis.url, app.bus, QUICK.consumer)));
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  for (const app of apps) await app.stop();
  await redisEventpublisher.close();
  await redis.stop();
  await database.drop();
});

it('two API instances and two consumers: no message lost or applied twice, nothing over-allocated', async () => {
  jest.spyOn(consumerLogger, 'error').mockImplementation(() => {});
  jest.spyOn(busLogger, 'error').mockImplementation(() => {});
  const [one, two] = apps as [RunningApp, RunningApp];
  const skus = await stock(one.url, 3);
  const batches = await one.dataSource.query<{ reference: string; sku: string; qty: number }[]>(
    'SELECT reference, sku, _purchased_quantity AS qty FROM batches',
  );
  // each change adds stock: it deallocates nothing, and bumps its product's version once
  const changes = Array.from({ length: 30 }, (_, i) => {
    const batch = batches[i % batches.length]!;
    return { id: `change-${i}`, sku: batch.sku, data: { batchref: batch.reference, qty: batch.qty + i + 1 } };
  });

  const load = allocateFor([one.url, two.url], skus, { ms: 1_200, clients: 6 });
  await addMessages(redis.url, 'change_batch_quantity', changes);
  const answers = await load;

  // every change handled (a message read by no consumer yet is not pending either: the inbox tells)
  const handled = async () =>
    (await one.dataSource.query<{ id: string }[]>('SELECT message_id AS id FROM inbox'))
      .map(({ id }) => id)
      .sort();
  await eventually(async () => expect(await handled()).toEqual(changes.map(({ id }) => id).sort()), {
    timeout: 20_000,
  });
  await eventually(async () => expect(await pendingCount(redis.url, 'change_batch_quantity')).toBe(0));
  await eventually(async () => expect(await unsent(one.dataSource)).toBe(0));
  const committed = await committedAllocations(one.dataSource);
  expect(answers.get(202)).toBeGreaterThan(0);
  expect(await readStream(redis.url, 'change_batch_quantity:dead-letters')).toEqual([]);
  for (const sku of skus) {
    const [{ version }] = await one.dataSource.query<[{ version: number }]>(
      'SELECT version_number AS version FROM products WHERE sku = $1',
      [sku],
    );
    const allocations = committed.filter((a) => a.sku === sku).length;
    expect(version).toBe(allocations + changes.filter((c) => c.sku === sku).length); // each change once
  }
  const overAllocated = await one.dataSource.query<unknown[]>(
    'SELECT b.reference FROM batches b JOIN allocations a ON a.batch_id = b.id JOIN order_lines l ON l.id = a.orderline_id' +
      ' GROUP BY b.reference, b._purchased_quantity HAVING sum(l.qty) > b._purchased_quantity',
  );
  expect(overAllocated).toEqual([]);
  expect(await viewedAllocations(one.dataSource)).toEqual(committed);
  expect(await publishedAllocations(redis.url)).toEqual(committed);
  // of two relays one works at a time: each product's events are on the stream in the order they committed
  const outboxOrder = (await allocatedEvents(redis.url)).map((e) => ({
    sku: e.sku,
    n: Number(e.id.slice(7)),
  }));
  for (const sku of skus) {
    const ns = outboxOrder.filter((e) => e.sku === sku).map((e) => e.n);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
  }
  jest.restoreAllMocks();
});
