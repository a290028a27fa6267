import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  createTestDatabase,
  eventually,
  randomBatchref,
  randomOrderid,
  randomSku,
  startRedis,
  startTcpProxy,
} from 'shared';
import { logger as consumerLogger, startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import { getAllocation, postToAddBatch, postToAllocate, QUICK, useApi } from './api-client';
import { addMessage, allocatedEvents, pendingCount, readStream } from './redis-client';
import { type LogLine, runStartScript } from './start-script';

const api = useApi({ consumer: true });
const db = api.db;

async function allocatedTo(orderid: string): Promise<string | undefined> {
  const r = await getAllocation(api, orderid);
  return r.ok ? ((await r.json()) as { batchref: string }[])[0]?.batchref : undefined;
}

const quantityOf = async (batchref: string): Promise<number | undefined> =>
  (
    await db.dataSource.query<{ qty: number }[]>(
      'SELECT _purchased_quantity AS qty FROM batches WHERE reference = $1',
      [batchref],
    )
  )[0]?.qty;

it('change batch quantity leading to reallocation', async () => {
  // start with two batches and an order allocated to one of them
  const [orderid, sku] = [randomOrderid(), randomSku()];
  const [earlierBatch, laterBatch] = [randomBatchref('old'), randomBatchref('newer')];
  await postToAddBatch(api, earlierBatch, sku, 10, '2011-01-01');
  await postToAddBatch(api, laterBatch, sku, 10, '2011-01-02');
  const r = await postToAllocate(api, orderid, sku, 10);
  expect(r.ok).toBe(true);
  expect(await allocatedTo(orderid)).toBe(earlierBatch);

  // change quantity on allocated batch so it's less than our order
  await addMessage(api.redisUrl, 'change_batch_quantity', { batchref: earlierBatch, qty: 5 });

  // wait until we see a message saying the order has been reallocated
  const data = await eventually(async () => {
    const last = (await readStream(api.redisUrl, 'line_allocated')).at(-1);
    expect(JSON.parse(last?.data ?? '{}')).toMatchObject({ orderid, batchref: laterBatch });
    return JSON.parse(last?.data ?? '{}') as unknown;
  });
  expect(data).toEqual({ orderid, sku, qty: 10, batchref: laterBatch });
  expect(await allocatedTo(orderid)).toBe(laterBatch);
});

describe('the consumer', () => {
  it('moves malformed messages to the dead letters, with why, and keeps running', async () => {
    jest.spyOn(consumerLogger, 'error').mockImplementation(() => {});
    const [sku, batchref] = [randomSku(), randomBatchref()];
    await postToAddBatch(api, batchref, sku, 10, null);
    const malformed = [
      'not json',
      '"just a string"',
      JSON.stringify({ qty: 5 }),
      JSON.stringify({ batchref, qty: '5' }),
      JSON.stringify({ batchref, qty: -1 }),
      JSON.stringify({ batchref, qty: 2.5 }),
      JSON.stringify({ batchref: `${batchref}\ud800`, qty: 1 }), // a lone UTF-16 surrogate: no text
    ];
    const deadBefore = (await readStream(api.redisUrl, 'change_batch_quantity:dead-letters')).length;

    for (const message of malformed) await addMessage(api.redisUrl, 'change_batch_quantity', message);
    await addMessage(api.redisUrl, 'change_batch_quantity', { batchref, qty: 3 });

    await eventually(async () => expect(await quantityOf(batchref)).toBe(3));
    const dead = (await readStream(api.redisUrl, 'change_batch_quantity:dead-letters')).slice(deadBefore);
    expect(dead.map((letter) => letter.data)).toEqual(malformed);
    expect(await pendingCount(api.redisUrl, 'change_batch_quantity')).toBe(0);
    jest.restoreAllMocks();
  });

  it('reads again when Redis goes away and comes back, and loses nothing sent meanwhile', async () => {
    jest.spyOn(consumerLogger, 'warn').mockImplementation(() => {});
    const redis = await startRedis(); // of its own: the app's consumer reads the app's stream
    const proxy = await startTcpProxy(redis.url);
    const consumer = await startConsumer(proxy.url, api.bus, QUICK.consumer);
    try {
      const [sku, batchref] = [randomSku(), randomBatchref()];
      await postToAddBatch(api, batchref, sku, 10, null);

      proxy.down(); // Redis goes away for the consumer
      await addMessage(redis.url, 'change_batch_quantity', { batchref, qty: 4 });
      await sleep(200);
      expect(await quantityOf(batchref)).toBe(10);
      proxy.up(); // and comes back

      await eventually(async () => expect(await quantityOf(batchref)).toBe(4), { timeout: 10_000 });
    } finally {
      await consumer.stop();
      await proxy.stop();
      await redis.stop();
      jest.restoreAllMocks();
    }
  });

  it('stops at once when its Redis is gone', async () => {
    jest.spyOn(consumerLogger, 'warn').mockImplementation(() => {});
    const redis = await startRedis();
    const consumer = await startConsumer(redis.url, api.bus, QUICK.consumer);
    await redis.stop();
    await sleep(300); // its next command waits for a Redis that does not come back

    const stopping = Date.now();
    await consumer.stop();

    expect(Date.now() - stopping).toBeLessThan(1_000);
    jest.restoreAllMocks();
  });

  it('that is down misses nothing: what came meanwhile is handled when it starts', async () => {
    const redis = await startRedis();
    const first = await startConsumer(redis.url, api.bus, QUICK.consumer); // makes the group
    await first.stop();
    const [sku, batchref] = [randomSku(), randomBatchref()];
    await postToAddBatch(api, batchref, sku, 10, null);
    await addMessage(redis.url, 'change_batch_quantity', { batchref, qty: 7 });
    const second = await startConsumer(redis.url, api.bus, QUICK.consumer);
    try {
      await eventually(async () => expect(await quantityOf(batchref)).toBe(7));
    } finally {
      await second.stop();
      await redis.stop();
    }
  });
});

describe('the app as `pnpm start` runs it', () => {
  it('handles each change_batch_quantity message once, and publishes the Allocated events', async () => {
    const [database, redis] = await Promise.all([createTestDatabase(), startRedis()]);
    const app = runStartScript({ DATABASE_URL: database.url, REDIS_URL: redis.url });
    const sql = new Client({ connectionString: database.url });
    try {
      const url = await app.url();
      const apiPid = app.logs().find((line) => line.msg.startsWith('Server listening'))?.pid;
      const reading = (): LogLine[] =>
        app.logs().filter((line) => line.msg === 'Redis streams starting: reading change_batch_quantity');
      await eventually(() => expect(reading().some((line) => line.pid !== apiPid)).toBe(true), {
        timeout: 25_000,
      });
      expect(reading()).toHaveLength(1); // the consumer's process, not the API's
      const [sku, batchref, orderid] = [randomSku(), randomBatchref(), randomOrderid()];
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/add_batch', { ref: batchref, sku, qty: 10, eta: null })).status).toBe(201);
      expect((await post('/allocate', { orderid, sku, qty: 2 })).status).toBe(202);
      await sql.connect();
      const versionOf = async (): Promise<number> =>
        (
          await sql.query<{ version: number }>(
            'SELECT version_number AS version FROM products WHERE sku = $1',
            [sku],
          )
        ).rows[0]?.version ?? -1;
      const before = await versionOf();

      await addMessage(redis.url, 'change_batch_quantity', { batchref, qty: 4 });

      await eventually(async () => expect(await versionOf()).toBe(before + 1));
      expect(app.logs().filter((line) => line.msg === 'handling message')).toHaveLength(1);
      await eventually(async () =>
        expect(await allocatedEvents(redis.url)).toEqual([expect.objectContaining({ orderid, batchref })]),
      );
      expect(await app.stop()).toBe(0); // SIGTERM stops the API, its relay and the consumer cleanly
    } finally {
      await app.stop();
      await sql.end();
      await redis.stop();
      await database.drop();
    }
  }, 60_000);
});
