import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { backOff } from 'exponential-backoff';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** A message that is not what its stream carries: it goes to the dead letters at once. */
export class MalformedMessage extends Error {
  override name = 'MalformedMessage';
}

/** The message in `data`, JSON that must fit `schema`; a `MalformedMessage` if it does not. */
export function parseMessage<S extends TSchema>(schema: S, data: string | undefined): Static<S> {
  let message: unknown;
  try {
    message = JSON.parse(data ?? '', wellFormedOnly);
  } catch (error) {
    throw new MalformedMessage(`not JSON: ${(error as Error).message}`);
  }
  if (Value.Check(schema, message)) return message;
  const [first] = Value.Errors(schema, message);
  throw new MalformedMessage(`${first?.instancePath || 'message'} ${first?.message ?? 'is malformed'}`);
}

/** JSON.parse's reviver: text holding a lone UTF-16 surrogate (`"\ud800"`) is no text. */
function wellFormedOnly(key: string, value: unknown): unknown {
  if (key.isWellFormed() && (typeof value !== 'string' || value.isWellFormed())) return value;
  throw new Error(`a lone UTF-16 surrogate in ${JSON.stringify(key)}`);
}

/** The stream beside `stream` that holds its dead letters. */
export const deadLettersOf = (stream: string): string => `${stream}:dead-letters`;

export interface ConsumerGroupOptions {
  readonly logger: Logger;
  /** The group every consumer of the stream joins: each message goes to one of them. */
  readonly group?: string;
  /** This consumer's name in the group; one of its own per process. */
  readonly consumer?: string;
  /** How long a message may stay taken and unacknowledged before another consumer (or this one) claims it. */
  readonly claimIdleMs?: number;
  /** How many deliveries a message gets before it goes to the dead letters. */
  readonly maxDeliveries?: number;
  /** How many times one delivery is tried, with back-off (a lost race to a product is worth another try). */
  readonly attempts?: number;
  /** How long one read waits for new messages. */
  readonly blockMs?: number;
}

export interface ConsumerGroup {
  /** Stops reading, and waits for the message in hand. */
  readonly stop: () => Promise<void>;
  /** Drops the connection and the message in hand at once, as a process that is killed would. */
  readonly kill: () => void;
}

type Entry = [id: string, fields: string[]];

/**
 * What the book's pub/sub loop leaves to chance: the messages of `stream` are read through a consumer
 * group, one at a time, and acknowledged only once `handle` resolves (after its unit of work
 * committed). A message taken by a consumer that died, or that failed, is claimed again once it has
 * been idle `claimIdleMs`; one delivered `maxDeliveries` times, or malformed, goes to the dead-letter
 * stream with the reason and is acknowledged. `handle` gets the message's id: the `id` field its
 * publisher gave it, else its entry id (for the inbox).
 */
export async function consumeGroup(
  redisUrl: string,
  stream: string,
  handle: (data: string | undefined, messageId: string) => Promise<void>,
  {
    logger,
    group = 'allocation',
    consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    claimIdleMs = 30_000,
    maxDeliveries = 5,
    attempts = 3,
    blockMs = 1_000,
  }: ConsumerGroupOptions,
): Promise<ConsumerGroup> {
  // every command is bounded (a read blocks for blockMs): a Redis that does not answer fails it, and
  // the loop tries again; while Redis is away, commands wait for the reconnection
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, commandTimeout: blockMs + 5_000 });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection error'));
  const failures = `${stream}:failures`; // entry id → why its last delivery failed, for its dead letter
  await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM').catch((error: Error) => {
    if (!error.message.startsWith('BUSYGROUP')) throw error; // another consumer made it first
  });

  const deadLetter = async ([id, fields]: Entry, reason: string, deliveries: number): Promise<void> => {
    logger.error({ stream, entry: id, reason }, 'moving a message to the dead letters');
    await redis
      .multi()
      .xadd(
        deadLettersOf(stream),
        '*',
        ...fields,
        'entry',
        id,
        'reason',
        reason,
        'deliveries',
        String(deliveries),
      )
      .xack(stream, group, id)
      .hdel(failures, id)
      .exec();
  };

  const handleEntry = async (entry: Entry, deliveries: number): Promise<void> => {
    const [id, fields] = entry;
    const data = field(fields, 'data');
    if (deliveries > maxDeliveries) {
      const reason = (await redis.hget(failures, id)) ?? 'its consumer stopped before acknowledging it';
      return deadLetter(entry, reason, deliveries - 1);
    }
    try {
      await backOff(() => handle(data, field(fields, 'id') ?? `${stream}:${id}`), {
        numOfAttempts: attempts,
        startingDelay: 20,
        retry: (error: unknown) => !(error instanceof MalformedMessage),
      });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (error instanceof MalformedMessage) return deadLetter(entry, reason, deliveries);
      logger.error({ err: error, stream, entry: id, deliveries }, 'could not handle message');
      if (deliveries >= maxDeliveries) return deadLetter(entry, reason, deliveries);
      await redis.hset(failures, id, reason); // left pending: claimed again once idle
      return;
    }
    await redis.multi().xack(stream, group, id).hdel(failures, id).exec();
  };

  /** Messages idle long enough, whoever took them, with how often each was delivered, this time counted. */
  const claimIdle = async (): Promise<[Entry, number][]> => {
    const pending = (await redis.xpending(stream, group, 'IDLE', claimIdleMs, '-', '+', 10)) as [
      string,
      string,
      number,
      number,
    ][];
    if (pending.length === 0) return [];
    const claimed = (await redis.xclaim(
      stream,
      group,
      consumer,
      claimIdleMs,
      ...pending.map(([id]) => id),
    )) as (Entry | null)[];
    const deliveries = new Map(pending.map(([id, , , times]) => [id, times + 1]));
    return claimed.flatMap((entry) =>
      entry ? [[entry, deliveries.get(entry[0]) ?? 1] as [Entry, number]] : [],
    );
  };

  const readNew = async (): Promise<[Entry, number][]> => {
    const reply = (await redis.xreadgroup(
      'GROUP',
      group,
      consumer,
      'COUNT',
      10,
      'BLOCK',
      blockMs,
      'STREAMS',
      stream,
      '>',
    )) as [string, Entry[]][] | null;
    return (reply?.[0]?.[1] ?? []).map((entry) => [entry, 1]);
  };

  let running = true;
  let inHand: Promise<void> | undefined; // the message being handled: stop() waits for it, and no more
  let stopped = (): void => {};
  // a command waiting for a Redis that is gone would hold stop() up until its timeout: stop() ends the wait
  const stopping = new Promise<never>((_, reject) => (stopped = () => reject(new Error('stopped'))));
  stopping.catch(() => {}); // raced below: nothing else awaits it
  const unlessStopped = <T>(command: Promise<T>): Promise<T> => Promise.race([command, stopping]);
  const loop = (async () => {
    while (running) {
      try {
        const claimed = await unlessStopped(claimIdle());
        const entries = claimed.length > 0 ? claimed : await unlessStopped(readNew());
        for (const [entry, deliveries] of entries) {
          if (!running) return; // what was read and not handled stays pending, and is claimed later
          inHand = handleEntry(entry, deliveries);
          await inHand.finally(() => (inHand = undefined));
        }
      } catch (error) {
        if (!running) return;
        logger.warn({ err: error, stream }, 'could not read the stream; trying again');
        await sleep(100);
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await inHand?.catch(() => {});
      stopped();
      redis.disconnect(); // a read or an acknowledgement in hand fails: its message is claimed later
      await loop;
    },
    kill: () => {
      running = false;
      stopped();
      redis.disconnect();
    },
  };
}

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length - 1; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
