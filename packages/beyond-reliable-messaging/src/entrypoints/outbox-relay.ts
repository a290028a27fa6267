import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { Publish } from '../adapters/redis-eventpublisher';
import { getLogLevel } from '../config';

export const logger = pino({ name: 'outbox-relay', level: getLogLevel() });

/** Any number that no other advisory lock of this database uses (database.ts takes 11 011). */
const RELAY_LOCK = 11_017;

export interface RelayOptions {
  /** How long the relay waits after a round that found nothing (or failed) before it looks again. */
  readonly intervalMs?: number;
  /** How many messages one round publishes at most. */
  readonly batchSize?: number;
}

export interface Relay {
  /** One round: publishes what is unsent, oldest first, then marks it sent; how many it sent. */
  readonly relayOnce: () => Promise<number>;
  /** Stops looking, and waits for the round in hand. */
  readonly stop: () => Promise<void>;
}

interface OutboxRow {
  id: string;
  stream: string;
  message: string;
}

/**
 * The outbox's relay: at least once, in order. One relay of all the processes on the database works
 * at a time (an advisory lock held by its round's transaction), so the messages of one product go out
 * in the order they committed. A round that fails (PostgreSQL or Redis away) sends nothing it marks:
 * the next round publishes those messages again, and the publisher adds each id to its stream once.
 */
export function startRelay(
  dataSource: DataSource,
  publish: Publish,
  { intervalMs = 100, batchSize = 500 }: RelayOptions = {},
): Relay {
  const relayOnce = async (): Promise<number> => {
    // one statement when there is nothing to send, rather than a transaction of four
    const [waiting] = await dataSource.query<unknown[]>('SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1');
    if (waiting === undefined) return 0;
    const queryRunner = dataSource.createQueryRunner();
    try {
      await queryRunner.startTransaction();
      const [{ locked }] = await queryRunner.manager.query<[{ locked: boolean }]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RELAY_LOCK],
      );
      const rows = locked
        ? await queryRunner.manager.query<OutboxRow[]>(
            'SELECT id, stream, message FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1',
            [batchSize],
          )
        : [];
      if (rows.length > 0) {
        await publish(rows.map(({ id, stream, message }) => ({ stream, id: `outbox-${id}`, data: message })));
        await queryRunner.manager.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])', [
          rows.map(({ id }) => id),
        ]);
      }
      await queryRunner.commitTransaction();
      return rows.length;
    } finally {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => {});
      await queryRunner.release();
    }
  };

  let running = true;
  let wake = new AbortController();
  const loop = (async () => {
    while (running) {
      const sent = await relayOnce().catch((error: unknown) => {
        logger.warn({ err: error }, 'could not relay the outbox; trying again');
        return 0;
      });
      if (sent < batchSize && running)
        await sleep(intervalMs, undefined, { signal: wake.signal }).catch(() => {});
    }
  })();
  return {
    relayOnce,
    stop: async () => {
      running = false;
      wake.abort();
      wake = new AbortController();
      await loop;
    },
  };
}
