import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { MessageUnprocessable } from '../service-layer/ensure';
import { MalformedMessage } from './message-parsing';

export interface Subscription {
  /** How many received messages are waiting their turn (the one in hand not counted). */
  readonly waiting: () => number;
  /** Unsubscribes, then waits for the messages already received to be handled. */
  readonly stop: () => Promise<void>;
}

export interface SubscribeOptions {
  readonly logger: Logger;
  /** How many received messages may wait their turn before the subscription stops reading from Redis. */
  readonly queueLimit: number;
}

/**
 * What the book's `for m in pubsub.listen()` leaves to chance: the messages of `channel` are handled one
 * at a time, in order; one that fails is logged, and the next goes on. When `queueLimit` messages are
 * waiting it stops reading from its socket, so Redis holds the rest (up to its pub/sub output buffer
 * limit), and reads again once there is room. ioredis reconnects and subscribes again by itself.
 */
export async function subscribe(
  redisUrl: string,
  channel: string,
  handle: (data: string) => Promise<void>,
  { logger, queueLimit }: SubscribeOptions,
): Promise<Subscription> {
  // subscribing to a Redis that does not answer fails after 5 s instead of waiting for ever
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    commandTimeout: 5_000,
  });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  const waiting: string[] = [];
  let busy = false; // set and cleared in the same steps as the queue is read: no message slips in between
  let handling = Promise.resolve();
  const handleWaiting = async (): Promise<void> => {
    busy = true;
    try {
      for (let data = waiting.shift(); data !== undefined; data = waiting.shift()) {
        if (waiting.length < queueLimit) redis.stream.resume();
        await handle(data).catch((error: unknown) => {
          // the API would answer these 400 and 422: the sender's fault, so a warning, not an error
          if (error instanceof MalformedMessage)
            logger.warn({ data, reason: error.message }, 'skipping a malformed message');
          else if (error instanceof MessageUnprocessable)
            logger.warn({ data, reason: error.message }, 'skipping an unprocessable message');
          else logger.error({ err: error, data }, 'could not handle message');
        });
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
  await redis.subscribe(channel);
  return {
    waiting: () => waiting.length,
    stop: async () => {
      redis.disconnect(); // QUIT could wait on a connection already gone
      redis.stream.destroy(); // a paused socket would never read the server's end of the connection
      await handling;
    },
  };
}
