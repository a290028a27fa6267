import { eventually, randomBatchref, randomOrderid, randomSku, startTcpProxy, type TcpProxy } from 'shared';
import { logger as consumerLogger, startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import { InvalidBatchref } from '../../src/service-layer/handlers';
import { postToAddBatch, postToAllocate, useApi } from './api-client';
import { publishMessage, subscribers, subscribeTo } from './redis-client';

const api = useApi({ consumer: true });
const db = api.db;

interface AllocatedMessage {
  orderid: string;
  sku: string;
  qty: number;
  batchref: string;
}

it('change batch quantity leading to reallocation', async () => {
  // start with two batches and an order allocated to one of them
  const [orderid, sku] = [randomOrderid(), randomSku()];
  const [earlierBatch, laterBatch] = [randomBatchref('old'), randomBatchref('newer')];
  await postToAddBatch(api, earlierBatch, sku, 10, '2011-01-01');
  await postToAddBatch(api, laterBatch, sku, 10, '2011-01-02');
  const r = await postToAllocate(api, orderid, sku, 10);
  expect(((await r.json()) as { batchref: string }).batchref).toBe(earlierBatch);

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
  } finally {
    await subscription.close();
  }
});

describe('the consumer', () => {
  it('logs and skips malformed messages, and keeps running', async () => {
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
    expect(warned).toHaveBeenCalledTimes(malformed.length);
    expect(warned).toHaveBeenCalledWith(
      expect.objectContaining({ data: 'not json' }),
      'skipping a malformed message',
    );
    const [[failure, failureMessage]] = failed.mock.calls as unknown as [[{ err: Error }, string]];
    expect(failure.err).toEqual(new InvalidBatchref('Invalid batchref no-such-batch'));
    expect(failureMessage).toBe('could not handle message');
    warned.mockRestore();
    failed.mockRestore();
  });

  it('reconnects and subscribes again when Redis goes away and comes back', async () => {
    jest.spyOn(consumerLogger, 'warn').mockImplementation(() => {});
    let proxy: TcpProxy | undefined;
    let consumer: Awaited<ReturnType<typeof startConsumer>> | undefined;
    try {
      proxy = await startTcpProxy(api.redisUrl);
      consumer = await startConsumer(proxy.url, db.dataSource);
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
