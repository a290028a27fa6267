// A message that keeps failing goes to the dead-letter stream after a bounded number of deliveries,
// with why; the others go on; replayed, it is handled once its cause is gone.
import { Redis } from 'ioredis';
import { eventually, randomBatchref, randomSku } from 'shared';
import { listDeadLetters, replayDeadLetters } from '../../src/entrypoints/dead-letter-stream';
import { logger as consumerLogger, startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import { logger as busLogger } from '../../src/service-layer/messagebus';
import { postToAddBatch, QUICK, useApi } from './api-client';
import { addMessages, pendingCount } from './redis-client';

const api = useApi();
const db = api.db;
let consumer: Awaited<ReturnType<typeof startConsumer>>;
let redis: Redis;

beforeAll(async () => {
  consumer = await startConsumer(api.redisUrl, api.bus, { ...QUICK.consumer, maxDeliveries: 3 });
  redis = new Redis(api.redisUrl);
});

afterAll(async () => {
  redis.disconnect();
  await consumer.stop();
});

beforeEach(() => {
  jest.spyOn(consumerLogger, 'error').mockImplementation(() => {});
  jest.spyOn(busLogger, 'error').mockImplementation(() => {});
});

afterEach(() => jest.restoreAllMocks());

const quantityOf = async (batchref: string): Promise<number | undefined> =>
  (
    await db.dataSource.query<{ qty: number }[]>(
      'SELECT _purchased_quantity AS qty FROM batches WHERE reference = $1',
      [batchref],
    )
  )[0]?.qty;

it('a poison message lands in the dead-letter stream, and the others go on', async () => {
  const [sku, batchref, missing] = [randomSku(), randomBatchref(), randomBatchref('missing')];
  await postToAddBatch(api, batchref, sku, 10, null);

  await addMessages(api.redisUrl, 'change_batch_quantity', [
    { batchref, qty: 11 },
    { id: 'poison-1', data: { batchref: missing, qty: 1 } },
    { batchref, qty: 12 },
  ]);

  await eventually(async () => expect(await quantityOf(batchref)).toBe(12));
  const [letter] = await eventually(async () => {
    const letters = (await listDeadLetters(redis, 'change_batch_quantity')).filter(
      (l) => l.id === 'poison-1',
    );
    expect(letters).toHaveLength(1);
    return letters;
  });
  expect(letter).toMatchObject({
    reason: `InvalidBatchref: Invalid batchref ${missing}`,
    deliveries: 3,
    data: JSON.stringify({ batchref: missing, qty: 1 }),
  });
  expect(await pendingCount(api.redisUrl, 'change_batch_quantity')).toBe(0);
});

it('replayed, a dead letter is handled once its cause is gone, and once only', async () => {
  const [sku, batchref] = [randomSku(), randomBatchref('late')];
  await addMessages(api.redisUrl, 'change_batch_quantity', [{ id: 'early-1', data: { batchref, qty: 7 } }]);
  const deadLetter = await eventually(async () => {
    const letters = (await listDeadLetters(redis, 'change_batch_quantity')).filter((l) => l.id === 'early-1');
    expect(letters).toHaveLength(1);
    return letters[0]!;
  });
  await postToAddBatch(api, batchref, sku, 10, null); // the batch it names exists now

  expect(await replayDeadLetters(redis, 'change_batch_quantity', [deadLetter.entry])).toEqual([deadLetter]);
  await eventually(async () => expect(await quantityOf(batchref)).toBe(7));
  expect((await listDeadLetters(redis, 'change_batch_quantity')).filter((l) => l.id === 'early-1')).toEqual(
    [],
  );

  // put on the stream once more (say, replayed from a copy): the inbox knows it
  const versionOf = async (): Promise<number> =>
    (
      await db.dataSource.query<[{ version: number }]>(
        'SELECT version_number AS version FROM products WHERE sku = $1',
        [sku],
      )
    )[0].version;
  const before = await versionOf();
  await addMessages(api.redisUrl, 'change_batch_quantity', [
    { id: 'early-1', data: { batchref, qty: 8 } },
    { batchref, qty: 9 }, // handled after it
  ]);
  await eventually(async () => expect(await quantityOf(batchref)).toBe(9));
  expect(await versionOf()).toBe(before + 1); // the second message's change only
});
