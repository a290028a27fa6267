// A consumer dies with a message in hand (its connection drops, it never acknowledges): another
// claims the message, and its effect happens once.
import { eventually, randomBatchref, randomSku } from 'shared';
import { startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import type { MessageBus } from '../../src/service-layer/messagebus';
import { postToAddBatch, QUICK, useApi } from './api-client';
import { addMessage, pendingCount } from './redis-client';

const api = useApi();
const db = api.db;

const versionOf = async (sku: string): Promise<number> =>
  (
    await db.dataSource.query<[{ version: number }]>(
      'SELECT version_number AS version FROM products WHERE sku = $1',
      [sku],
    )
  )[0].version;

/** A bus whose handle stops for good: before the message's unit of work, or after it committed. */
function dyingBus(when: 'before commit' | 'after commit', reached: () => void): () => MessageBus {
  return () => {
    const bus = api.bus();
    const handle = bus.handle.bind(bus);
    bus.handle = async (message) => {
      if (when === 'after commit') await handle(message);
      reached();
      await new Promise<never>(() => {}); // the process is killed here
    };
    return bus;
  };
}

it.each(['before commit', 'after commit'] as const)(
  'a consumer killed mid-message (%s): the message is handled exactly once in effect',
  async (when) => {
    const [sku, batchref] = [randomSku(), randomBatchref()];
    await postToAddBatch(api, batchref, sku, 10, null);
    const before = await versionOf(sku);
    let reached = (): void => {};
    const inHand = new Promise<void>((resolve) => (reached = resolve));
    const first = await startConsumer(api.redisUrl, dyingBus(when, reached), QUICK.consumer);

    await addMessage(api.redisUrl, 'change_batch_quantity', { batchref, qty: 20 });
    await inHand;
    first.kill();
    const second = await startConsumer(api.redisUrl, api.bus, QUICK.consumer);

    try {
      await eventually(async () => expect(await pendingCount(api.redisUrl, 'change_batch_quantity')).toBe(0));
      expect(await versionOf(sku)).toBe(before + 1); // changed once: not twice, not never
    } finally {
      await second.stop();
    }
  },
);
