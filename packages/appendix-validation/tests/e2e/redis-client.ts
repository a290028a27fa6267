import { Redis } from 'ioredis';

export interface Subscription {
  /** Every message received so far, as the raw strings published. */
  readonly messages: string[];
  readonly close: () => Promise<void>;
}

export async function subscribeTo(redisUrl: string, channel: string): Promise<Subscription> {
  const client = new Redis(redisUrl);
  const messages: string[] = [];
  client.on('message', (_channel: string, message: string) => messages.push(message));
  await client.subscribe(channel);
  return { messages, close: async () => void client.disconnect() };
}

export async function publishMessage(redisUrl: string, channel: string, message: unknown): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    await client.publish(channel, typeof message === 'string' ? message : JSON.stringify(message));
  } finally {
    await client.quit();
  }
}

/** Publishes every message in one round trip, as fast as Redis takes them. */
export async function publishMessages(redisUrl: string, channel: string, messages: unknown[]): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    const pipeline = client.pipeline();
    for (const message of messages) pipeline.publish(channel, JSON.stringify(message));
    await pipeline.exec();
  } finally {
    await client.quit();
  }
}

/** How many clients are subscribed to `channel` right now. */
export async function subscribers(redisUrl: string, channel: string): Promise<number> {
  const client = new Redis(redisUrl);
  try {
    const [, count] = (await client.pubsub('NUMSUB', channel)) as [string, number];
    return count;
  } finally {
    await client.quit();
  }
}
