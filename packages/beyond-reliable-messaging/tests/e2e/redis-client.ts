import { Redis } from 'ioredis';

/** An entry of a stream: its entry id, and the `id` and `data` fields the app writes and reads. */
export interface StreamMessage {
  readonly entry: string;
  readonly id: string | undefined;
  readonly data: string | undefined;
}

/** Runs `work` with a client of its own, disconnected after. */
export async function withRedis<T>(redisUrl: string, work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redisUrl);
  try {
    return await work(client);
  } finally {
    client.disconnect();
  }
}

/** Every entry of `stream`, oldest first. */
export function readStream(redisUrl: string, stream: string): Promise<StreamMessage[]> {
  return withRedis(redisUrl, async (client) =>
    ((await client.xrange(stream, '-', '+')) as [string, string[]][]).map(([entry, fields]) => {
      const get = (name: string) =>
        fields.indexOf(name) % 2 === 0 ? fields[fields.indexOf(name) + 1] : undefined;
      return { entry, id: get('id'), data: get('data') };
    }),
  );
}

/** The Allocated events on `line_allocated`, parsed. */
export async function allocatedEvents(
  redisUrl: string,
): Promise<{ id: string; orderid: string; sku: string; batchref: string }[]> {
  return (await readStream(redisUrl, 'line_allocated')).map((m) => ({
    id: m.id ?? '',
    ...(JSON.parse(m.data ?? '{}') as { orderid: string; sku: string; batchref: string }),
  }));
}

/** Adds messages to `stream` as a publisher would, in one round trip: a `data` field each, and an `id` if given. */
export function addMessages(
  redisUrl: string,
  stream: string,
  messages: unknown[], // each a message, or `{ id, data }`
): Promise<void> {
  return withRedis(redisUrl, async (client) => {
    const pipeline = client.pipeline();
    for (const message of messages) {
      const withId = typeof message === 'object' && message !== null && 'id' in message && 'data' in message;
      const data = withId ? (message as { data: unknown }).data : message;
      const fields = ['data', typeof data === 'string' ? data : JSON.stringify(data)];
      pipeline.xadd(stream, '*', ...(withId ? ['id', (message as { id: string }).id] : []), ...fields);
    }
    await pipeline.exec();
  });
}

export function addMessage(redisUrl: string, stream: string, message: unknown): Promise<void> {
  return addMessages(redisUrl, stream, [message]);
}

/** How many messages of `stream` the group's consumers have taken and not acknowledged. */
export function pendingCount(redisUrl: string, stream: string, group = 'allocation'): Promise<number> {
  return withRedis(redisUrl, async (client) => {
    const [count] = (await client.xpending(stream, group)) as [number];
    return count;
  });
}
