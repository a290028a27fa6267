import { Redis } from 'ioredis';
import pino from 'pino';
import { getLogLevel } from '../config';
import type * as events from '../domain/events';

export const logger = pino({ name: 'redis-eventpublisher', level: getLogLevel() });

let client: Redis | undefined; // set up by connect(), not on import

export function connect(url: string): void {
  client?.disconnect();
  // a publish fails at once while Redis is away, and after 0.5 s when it does not answer (the bus logs
  // it), rather than holding the request up; the client keeps reconnecting in the background
  client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 });
  client.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
}

export async function close(): Promise<void> {
  // every publish was awaited, so nothing is pending; QUIT could wait on a connection already gone
  client?.disconnect();
  client = undefined;
}

/** Publishes an event as JSON, e.g. `Allocated` as `{"orderid", "sku", "qty", "batchref"}`. */
export async function publish(channel: string, event: events.Event): Promise<void> {
  if (client === undefined) throw new Error('the Redis event publisher is not connected: call connect()');
  logger.debug({ channel, event }, 'publishing');
  await client.publish(channel, JSON.stringify(event));
}
