import { Client } from 'pg';
import {
  createTestDatabase,
  eventually,
  randomBatchref,
  randomOrderid,
  randomSku,
  startRedis,
  startTcpProxy,
  type TcpProxy,
} from 'shared';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import type * as commands from '../../src/domain/commands';
import * as events from '../../src/domain/events';
import { logger as consumerLogger, startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import * as messagebus from '../../src/service-layer/messagebus';
import { MessageBus } from '../../src/service-layer/messagebus';
import { getAllocation, postToAddBatch, postToAllocate, useApi } from './api-client';
import { publishMessage, publishMessages, subscribers, subscribeTo } from './redis-client';
import { type LogLine, runStartScript } from './start-script';

const api = useApi({ consumer: true });
const db = api.db;

interface AllocatedMessage {
  orderid: string;
  sku: string;
  qty: number;
  batchref: string;
}

async function allocatedTo(orderid: string): Promise<string | undefined> {
  const r = await getAllocation(api, orderid);
  return r.ok ? ((await r.json()) as { batchref: string }[])[0]?.batchref : undefined;
}

it('change batch quantity leading to reallocation', async () => {
  // start with two batches and an order allocated to one of them
  const [orderid, sku] = [randomOrderid(), randomSku()];
  const [earlierBatch, laterBatch] = [randomBatchref('old'), randomBatchref('newer')];
  await postToAddBatch(api, earlierBatch, sku, 10, '2011-01-01');
  await postToAddBatch(api, laterBatch, sku, 10, '2011-01-02');
  const r = await postToAllocate(api, orderid, sku, 10);
  expect(r.ok).toBe(true);
  expect(await allocatedTo(orderid)).toBe(earlierBatch);

  const subscription = await subscribeTo(api.redisUrl, 'line_allocated');
  try {
    // change quantity on allocated batch so it's less than our order
    await publishMessage(api.redisUrl, 'change_batch_quantity', { batchref: earlierBatch, qty: 5 });

    // wait until we see a message saying the order has been reallocated
    const data = await eventually(() => {
      const last = JSON.parse(subscription.messages.at(-1) ?? '{}') as Partial<AllocatedMessage>;
      expect(last).toMatchObject({ orderid, batchref: laterBatch });
      return last;
    });
    expect(data).toEqual({ orderid, sku, qty: 10, batchref: laterBatch });
    expect(await allocatedTo(orderid)).toBe(laterBatch);
  } finally {
    await subscription.close();
  }
});

describe('the consumer', () => {
  it('logs and skips malformed and unprocessable messages, and keeps running', async () => {
    const warned = jest.spyOn(consumerLogger, 'warn').mockImplementation(() => {});
    const failed = jest.spyOn(consumerLogger, 'error').mockImplementation(() => {});
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

    for (const message of malformed) await publishMessage(api.redisUrl, 'change_batch_quantity', message);
    await publishMessage(api.redisUrl, 'change_batch_quantity', { batchref: 'no-such-batch', qty: 1 });
    await publishMessage(api.redisUrl, 'change_batch_quantity', { batchref, qty: 3 });

    await eventually(async () => {
      const [row] = await db.dataSource.query<[{ qty: number }]>(
        'SELECT _purchased_quantity AS qty FROM batches WHERE reference = $1',
        [batchref],
      );
      expect(row.qty).toBe(3);
    });
    // syntax: each malformed one skipped with the reason the API would answer 400 with
    expect(warned).toHaveBeenCalledTimes(malformed.length + 1);
    const notJson: unknown = expect.stringMatching(/^Not valid JSON: /);
    expect(warned).toHaveBeenCalledWith(
      { data: 'not json', reason: notJson },
      'skipping a malformed message',
    );
    expect(warned).toHaveBeenCalledWith(
      { data: malformed[3], reason: 'ChangeBatchQuantity.qty must be integer' },
      'skipping a malformed message',
    );
    // semantics: the unknown batch skipped as unprocessable (the API's 422), and no error
    expect(warned).toHaveBeenLastCalledWith(
      {
        data: JSON.stringify({ batchref: 'no-such-batch', qty: 1 }),
        reason: 'Invalid batchref no-such-batch',
      },
      'skipping an unprocessable message',
    );
    expect(failed).not.toHaveBeenCalled();
    warned.mockRestore();
    failed.mockRestore();
  });

  it('reconnects and subscribes again when Redis goes away and comes back', async () => {
    jest.spyOn(consumerLogger, 'warn').mockImplementation(() => {});
    let proxy: TcpProxy | undefined;
    let consumer: Awaited<ReturnType<typeof startConsumer>> | undefined;
    try {
      proxy = await startTcpProxy(api.redisUrl);
      consumer = await startConsumer(proxy.url, api.bus);
      const [sku, batchref] = [randomSku(), randomBatchref()];
      await postToAddBatch(api, batchref, sku, 10, null);
      const before = await subscribers(api.redisUrl, 'change_batch_quantity');

      proxy.down(); // Redis goes away: the consumer loses its connection and its subscription
      await eventually(async () =>
        expect(await subscribers(api.redisUrl, 'change_batch_quantity')).toBe(before - 1),
      );
      proxy.up(); // and comes back
      await eventually(
        async () => expect(await subscribers(api.redisUrl, 'change_batch_quantity')).toBe(before),
        { timeout: 10_000 },
      );
      await publishMessage(api.redisUrl, 'change_batch_quantity', { batchref, qty: 4 });

      await eventually(async () => {
        const [row] = await db.dataSource.query<[{ qty: number }]>(
          'SELECT _purchased_quantity AS qty FROM batches WHERE reference = $1',
          [batchref],
        );
        expect(row.qty).toBe(4);
      });
    } finally {
      await consumer?.stop();
      await proxy?.stop();
      jest.restoreAllMocks();
    }
  });
});

describe('the app as `pnpm start` runs it', () => {
  it('handles each change_batch_quantity message once', async () => {
    const [database, redis] = await Promise.all([createTestDatabase(), startRedis()]);
    const app = runStartScript({ DATABASE_URL: database.url, REDIS_URL: redis.url });
    const sql = new Client({ connectionString: database.url });
    try {
      const url = await app.url();
      const apiPid = app.logs().find((line) => line.msg.startsWith('Server listening'))?.pid;
      const subscribed = (): LogLine[] =>
        app.logs().filter((line) => line.msg === 'Redis pubsub starting: listening on change_batch_quantity');
      await eventually(() => expect(subscribed().some((line) => line.pid !== apiPid)).toBe(true), {
        timeout: 25_000,
      });
      expect(subscribed()).toHaveLength(1); // the consumer's process, not the API's
      expect(await subscribers(redis.url, 'change_batch_quantity')).toBe(1);
      const [sku, batchref] = [randomSku(), randomBatchref()];
      const added = await fetch(`${url}/add_batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ref: batchref, sku, qty: 10, eta: null }),
      });
      expect(added.status).toBe(201);
      await sql.connect();
      const versionOf = async (): Promise<number> =>
        (
          await sql.query<{ version: number }>(
            'SELECT version_number AS version FROM products WHERE sku = $1',
            [sku],
          )
        ).rows[0]?.version ?? -1;
      const before = await versionOf();

      await publishMessage(redis.url, 'change_batch_quantity', { batchref, qty: 4 });

      await eventually(async () => expect(await versionOf()).toBe(before + 1));
      expect(app.logs().filter((line) => line.msg === 'handling message')).toHaveLength(1);
      expect(await app.stop()).toBe(0); // SIGTERM stops the API and the consumer cleanly
    } finally {
      await app.stop();
      await sql.end();
      await redis.stop();
      await database.drop();
    }
  }, 60_000);
});

describe('the consumer, when messages come faster than it handles them', () => {
  it('holds no more than its queue limit, leaving the rest with Redis, and handles them all', async () => {
    const queueLimit = 3;
    // each message outweighs a socket read (64 KiB), so a read in hand when it pauses adds one at most;
    // the weight is a field the schema does not know, which the tolerant reader ignores
    const batchrefs = Array.from({ length: 30 }, (_, i) => `batch-${i}`);
    const padding = 'x'.repeat(100_000);
    const redis = await startRedis();
    let release = (): void => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const held: number[] = [];
    let consumer: Awaited<ReturnType<typeof startConsumer>> | undefined;
    jest.spyOn(MessageBus.prototype, 'handle').mockImplementation(async (message) => {
      handled.push((message as commands.ChangeBatchQuantity).ref);
      held.push(consumer?.waiting() ?? 0);
      await released; // a slow handler: nothing is handled until the test says so
    });
    try {
      const started = await startConsumer(redis.url, api.bus, { queueLimit });
      consumer = started;

      await publishMessages(
        redis.url,
        'change_batch_quantity',
        batchrefs.map((batchref) => ({ batchref, qty: 1, padding })),
      );

      await eventually(() => expect(started.waiting()).toBeGreaterThanOrEqual(queueLimit));
      expect(started.waiting()).toBeLessThanOrEqual(queueLimit + 1);
      release();
      await eventually(() => expect(handled).toHaveLength(batchrefs.length));
      expect(handled).toEqual(batchrefs);
      expect(Math.max(...held)).toBeLessThanOrEqual(queueLimit + 1);
    } finally {
      release();
      await consumer?.stop();
      await redis.stop();
      jest.restoreAllMocks();
    }
  });
});

describe('publishing Allocated events', () => {
  it('fails at once while Redis is away, without holding the request up, and works again once it is back', async () => {
    const failed = jest.spyOn(messagebus.logger, 'error').mockImplementation(() => {});
    jest.spyOn(redisEventpublisher.logger, 'warn').mockImplementation(() => {});
    const marker = (name: string): events.Allocated =>
      new events.Allocated(randomOrderid(name), randomSku(), 1, randomBatchref());
    const subscription = await subscribeTo(api.redisUrl, 'line_allocated');
    let proxy: TcpProxy | undefined;
    try {
      proxy = await startTcpProxy(api.redisUrl);
      redisEventpublisher.connect(proxy.url);
      await eventually(() => redisEventpublisher.publish('line_allocated', marker('connected')));
      const [sku, batchref] = [randomSku(), randomBatchref()];
      await postToAddBatch(api, batchref, sku, 10, null);

      proxy.down(); // Redis goes away
      await postToAllocate(api, randomOrderid(), sku, 1); // answered, though its Allocated is not published

      // the publish was refused at once, not after waiting out reconnection attempts
      const [failure, failureMessage] = (failed.mock.calls as unknown as [{ err: Error }, string][])[0] ?? [];
      expect(failureMessage).toBe('Exception handling event');
      expect(failure?.err.message).toContain('enableOfflineQueue');
      proxy.up(); // and comes back
      const back = marker('back');
      await eventually(() => redisEventpublisher.publish('line_allocated', back), { timeout: 10_000 });
      await eventually(() => expect(subscription.messages).toContain(JSON.stringify(back)));
    } finally {
      redisEventpublisher.connect(api.redisUrl);
      await proxy?.stop();
      await subscription.close();
      jest.restoreAllMocks();
    }
  });
});
