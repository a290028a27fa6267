import type { Redis } from 'ioredis';
import { deadLettersOf } from './redis-consumer-group';

/** A message that went to the dead letters: what it said, why, and its entry in the dead-letter stream. */
export interface DeadLetter {
  /** Its entry in the dead-letter stream, which replay takes. */
  readonly entry: string;
  /** Its message id, kept on replay: the inbox knows it again if it was handled after all. */
  readonly id: string;
  readonly data: string | undefined;
  readonly reason: string;
  readonly deliveries: number;
}

export async function listDeadLetters(redis: Redis, stream: string): Promise<DeadLetter[]> {
  const entries = (await redis.xrange(deadLettersOf(stream), '-', '+')) as [string, string[]][];
  return entries.map(([entry, fields]) => {
    const get = (name: string) => fields[fields.indexOf(name) + 1];
    const has = (name: string) => fields.indexOf(name) % 2 === 0;
    return {
      entry,
      id: has('id') ? get('id')! : `${stream}:${get('entry')}`, // the id the consumer gave it
      data: has('data') ? get('data') : undefined,
      reason: get('reason') ?? '',
      deliveries: Number(get('deliveries')),
    };
  });
}

/** Puts dead letters (all, or the entries named) back on their stream, each in one step with its removal. */
export async function replayDeadLetters(
  redis: Redis,
  stream: string,
  entries?: string[],
): Promise<DeadLetter[]> {
  const letters = (await listDeadLetters(redis, stream)).filter((l) => entries?.includes(l.entry) ?? true);
  for (const letter of letters) {
    const fields = letter.data === undefined ? ['id', letter.id] : ['id', letter.id, 'data', letter.data];
    await redis
      .multi()
      .xadd(stream, '*', ...fields)
      .xdel(deadLettersOf(stream), letter.entry)
      .exec();
  }
  return letters;
}
