import { Redis } from 'ioredis';
import pino from 'pino';
import { getLogLevel } from '../config';

export const logger = pino({ name: 'redis-eventpublisher', level: getLogLevel() });

/** A message for a stream: its id (the same each time it is published again) and its JSON. */
export interface OutgoingMessage {
  readonly stream: string;
  readonly id: string;
  readonly data: string;
}

/** Publishes messages; resolves once Redis has them all. */
export type Publish = (messages: readonly OutgoingMessage[]) => Promise<void>;

/** How long Redis remembers a message id it has published, so that publishing it again adds nothing. */
const PUBLISHED_FOR_SECONDS = 7 * 24 * 3600;

// XADD only if this id was not published before: a relay that published and could not mark it sent
// publishes it again, and the stream holds it once (KEYS: the stream, the id's marker)
const PUBLISH_ONCE = `if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then
  return redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'data', ARGV[2])
end
return false`;

type PublishingRedis = Redis & {
  publishOnce(
    stream: string,
    marker: string,
    id: string,
    data: string,
    seconds: number,
  ): Promise<string | null>;
};

let client: PublishingRedis | undefined; // set up by connect(), not on import

export function connect(url: string): void {
  client?.disconnect();
  // a publish fails at once while Redis is away, and after 0.5 s when it does not answer; the relay
  // tries again later, and the client keeps reconnecting in the background
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 });
  redis.defineCommand('publishOnce', { numberOfKeys: 2, lua: PUBLISH_ONCE });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  client = redis as PublishingRedis;
}

export async function close(): Promise<void> {
  // every publish was awaited, so nothing is pending; QUIT could wait on a connection already gone
  client?.disconnect();
  client = undefined;
}

/** Adds each message to its stream as `id` and `data` fields, at most once per id; one round trip. */
export const publish: Publish = async (messages) => {
  if (client === undefined) throw new Error('the Redis event publisher is not connected: call connect()');
  logger.debug({ messages: messages.length }, 'publishing');
  const pipeline = client.pipeline() as unknown as PublishingRedis & { exec: Redis['exec'] };
  for (const { stream, id, data } of messages)
    void pipeline.publishOnce(stream, `${stream}:published:${id}`, id, data, PUBLISHED_FOR_SECONDS);
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
};
