import { Redis } from 'ioredis';
import pino from 'pino';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { DataSource } from 'typeorm';
import { retryingConflicts } from '../adapters/postgres-errors';
import { getLogLevel } from '../config';
import * as commands from '../domain/commands';
import * as messagebus from '../service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';

export const logger = pino({ name: 'redis-eventconsumer', level: getLogLevel() });

/** The message on `change_batch_quantity`: `{"batchref", "qty"}`. */
const ChangeBatchQuantityMessage = Type.Object({
  batchref: Type.String({ minLength: 1 }),
  qty: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }), // an int4 column
});

export interface Consumer {
  /** Unsubscribes, then waits for the message in hand to be handled. */
  readonly stop: () => Promise<void>;
}

/**
 * Turns each message on `change_batch_quantity` into a ChangeBatchQuantity command, one message at
 * a time. ioredis reconnects and subscribes again by itself when the connection drops.
 */
export async function startConsumer(redisUrl: string, dataSource: DataSource): Promise<Consumer> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  let handling = Promise.resolve();
  redis.on('message', (_channel: string, data: string) => {
    handling = handling.then(() => handleChangeBatchQuantity(data, dataSource));
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
export async function handleChangeBatchQuantity(data: string, dataSource: DataSource): Promise<void> {
  logger.info({ data }, 'handling message');
  let cmd: commands.ChangeBatchQuantity;
  try {
    cmd = parseChangeBatchQuantity(data);
  } catch (error) {
    logger.warn({ data, reason: (error as Error).message }, 'skipping a malformed message');
    return;
  }
  try {
    await retryingConflicts(() => messagebus.handle(cmd, new TypeOrmUnitOfWork(dataSource)));
  } catch (error) {
    logger.error({ err: error, data }, 'could not handle message');
  }
}

function parseChangeBatchQuantity(data: string): commands.ChangeBatchQuantity {
  const message: unknown = JSON.parse(data);
  if (!Value.Check(ChangeBatchQuantityMessage, message)) {
    const [first] = Value.Errors(ChangeBatchQuantityMessage, message);
    throw new Error(`${first?.instancePath || 'message'} ${first?.message ?? 'is malformed'}`);
  }
  return new commands.ChangeBatchQuantity(message.batchref, message.qty);
}
