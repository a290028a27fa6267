import { Redis } from 'ioredis';
import pino from 'pino';
import { createDataSource } from '../adapters/orm';
import { bootstrap } from '../bootstrap';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { getLogLevel, getPostgresUri, getRedisUri } from '../config';
import * as commands from '../domain/commands';
import type { MessageBus } from '../service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { retryingConflicts } from './retry';

export const logger = pino({ name: 'redis-eventconsumer', level: getLogLevel() });

export interface Consumer {
  /** Unsubscribes, then waits for the message in hand to be handled. */
  readonly stop: () => Promise<void>;
}

/**
 * Turns each message on `change_batch_quantity` into a ChangeBatchQuantity command, one message at
 * a time. ioredis reconnects and subscribes again by itself when the connection drops.
 */
export async function startConsumer(redisUrl: string, bus: MessageBus): Promise<Consumer> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  let handling = Promise.resolve();
  redis.on('message', (_channel: string, data: string) => {
    handling = handling.then(() => handleChangeBatchQuantity(data, bus));
  });
  await redis.subscribe('change_batch_quantity');
  logger.info('Redis pubsub starting: listening on change_batch_quantity');
  return {
    stop: async () => {
      redis.disconnect(); // QUIT could wait on a connection already gone
      await handling;
    },
  };
}

/** Never throws: a malformed message or a failing command is logged, and the consumer goes on. */
export async function handleChangeBatchQuantity(data: string, bus: MessageBus): Promise<void> {
  logger.info({ data }, 'handling message');
  let cmd: commands.ChangeBatchQuantity;
  try {
    cmd = parseChangeBatchQuantity(data);
  } catch (error) {
    logger.warn({ data, reason: (error as Error).message }, 'skipping a malformed message');
    return;
  }
  try {
    await retryingConflicts(() => bus.handle(cmd));
  } catch (error) {
    logger.error({ err: error, data }, 'could not handle message');
  }
}

function parseChangeBatchQuantity(data: string): commands.ChangeBatchQuantity {
  const message: unknown = JSON.parse(data);
  if (typeof message !== 'object' || message === null) throw new Error('not a JSON object');
  const { batchref, qty } = message as Record<string, unknown>;
  if (typeof batchref !== 'string' || batchref.length === 0)
    throw new Error('batchref must be a non-empty string');
  if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 0) {
    throw new Error('qty must be an integer of 0 or more');
  }
  return new commands.ChangeBatchQuantity(batchref, qty);
}

/** `pnpm consumer`: the consumer on its own, next to an API that uses the same DATABASE_URL. */
async function main(): Promise<void> {
  const databaseUrl = getPostgresUri();
  if (databaseUrl === undefined) throw new Error("the consumer needs DATABASE_URL: the API's database");
  const redisUrl = getRedisUri() ?? 'redis://127.0.0.1:6379';
  const dataSource = await createDataSource(databaseUrl).initialize();
  redisEventpublisher.connect(redisUrl); // reallocations publish Allocated events
  const bus = bootstrap({ uow: new TypeOrmUnitOfWork(dataSource) });
  const consumer = await startConsumer(redisUrl, bus);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: stopping`);
      void consumer
        .stop()
        .then(() => redisEventpublisher.close())
        .then(() => dataSource.destroy())
        .then(() => process.exit(0));
    });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, 'consumer failed');
    process.exit(1);
  });
}
