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

export interface ConsumerOptions {
  /** How many received messages may wait their turn before the consumer stops reading from Redis. */
  readonly queueLimit?: number;
}

export interface Consumer {
  /** How many received messages are waiting their turn (the one in hand not counted). */
  readonly waiting: () => number;
  /** Unsubscribes, then waits for the messages already received to be handled. */
  readonly stop: () => Promise<void>;
}

/**
 * Turns each message on `change_batch_quantity` into a ChangeBatchQuantity command, one message at
 * a time. When `queueLimit` messages are waiting it stops reading from its socket, so Redis holds the
 * rest (up to its pub/sub output buffer limit); it reads again once there is room. ioredis
 * reconnects and subscribes again by itself when the connection drops.
 */
export async function startConsumer(
  redisUrl: string,
  dataSource: DataSource,
  { queueLimit = 100 }: ConsumerOptions = {},
): Promise<Consumer> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, connectTimeout: 5_000 });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  const waiting: string[] = [];
  let busy = false; // set and cleared in the same steps as the queue is read: no message slips in between
  let handling = Promise.resolve();
  const handleWaiting = async (): Promise<void> => {
    busy = true;
    try {
      for (let data = waiting.shift(); data !== undefined; data = waiting.shift()) {
        if (waiting.length < queueLimit) redis.stream.resume();
        await handleChangeBatchQuantity(data, dataSource);
      }
    } finally {
      busy = false;
    }
  };
  redis.on('message', (_channel: string, data: string) => {
    waiting.push(data);
    // what is already read off the socket still arrives after the pause: at most one read's worth
    if (waiting.length >= queueLimit) redis.stream.pause();
    if (!busy) handling = handleWaiting();
  });
  await redis.subscribe('change_batch_quantity');
  logger.info('Redis pubsub starting: listening on change_batch_quantity');
  return {
    waiting: () => waiting.length,
    stop: async () => {
      redis.disconnect(); // QUIT could wait on a connection already gone
      redis.stream.destroy(); // a paused socket would never read the server's end of the connection
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
