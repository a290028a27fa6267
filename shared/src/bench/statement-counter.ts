import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchDatabase } from './bench-database';

/** One normalised statement and how many times it ran, as pg_stat_statements reports it. */
export interface StatementStat {
  readonly query: string;
  readonly calls: number;
}

/**
 * Counts what the chapter sends to the bench database, server-side: pg_stat_statements, filtered to
 * that database. The bench's own queries run before a reset or after the read, or mention pg_stat.
 */
export interface StatementCounter {
  /** Why counting is off ("n/a" in the report), or undefined when it works. */
  readonly unavailable?: string;
  readonly reset: () => Promise<void>;
  readonly read: () => Promise<StatementStat[]>;
  /** Waits until no statement of the bench database is running and the count holds still. */
  readonly settle: () => Promise<void>;
}

export async function statementCounter(db: BenchDatabase): Promise<StatementCounter> {
  const unavailable = await enable(db);
  const read = async (): Promise<StatementStat[]> => {
    if (unavailable !== undefined) return [];
    const { rows } = await db.client.query<StatementStat>(
      `SELECT query, calls::int AS calls FROM pg_stat_statements
       WHERE dbid = $1 AND query NOT ILIKE '%pg_stat%' ORDER BY calls DESC, query`,
      [db.oid],
    );
    return rows;
  };
  return {
    unavailable,
    reset: async () => {
      if (unavailable === undefined) await db.client.query('SELECT pg_stat_statements_reset()');
    },
    read,
    settle: () => settle(db, read),
  };
}

/** Created in the bench's own database (dropped with it); it counts only when the server preloads it. */
async function enable(db: BenchDatabase): Promise<string | undefined> {
  try {
    await db.client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.client.query('SELECT pg_stat_statements_reset()');
    await db.client.query('SELECT count(*) FROM pg_stat_statements');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const SETTLE_LIMIT_MS = 30_000;
const SETTLE_STEP_MS = 200;

/** A statement that grows at every step for this long is a package's own polling, not a request's. */
const BACKGROUND_STEPS = 5;

/**
 * autocannon hangs up on the requests in flight when its time is up; their handlers go on and still count.
 * Done when nothing of the bench database runs and no request's statements grow, two steps running;
 * what grows at every step regardless (beyond-reliable-messaging's outbox relay polling) does not hold it.
 */
async function settle(db: BenchDatabase, read: () => Promise<StatementStat[]>): Promise<void> {
  const giveUpAt = performance.now() + SETTLE_LIMIT_MS;
  const stepsGrowing = new Map<string, number>();
  let previous: Map<string, number> | undefined;
  let quietSteps = 0;
  while (performance.now() < giveUpAt) {
    const { rows } = await db.client.query<{ busy: number }>(
      "SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid()",
      [db.name],
    );
    const now = new Map((await read()).map(({ query, calls }) => [query, calls]));
    if (previous !== undefined) {
      const before = previous;
      const grown = [...now.keys()].filter((query) => now.get(query) !== before.get(query));
      for (const query of now.keys())
        stepsGrowing.set(query, grown.includes(query) ? (stepsGrowing.get(query) ?? 0) + 1 : 0);
      const requestsGrew = grown.some((query) => (stepsGrowing.get(query) ?? 0) < BACKGROUND_STEPS);
      quietSteps = (rows[0]?.busy ?? 0) === 0 && !requestsGrew ? quietSteps + 1 : 0;
      if (quietSteps >= 2) return;
    }
    previous = now;
    await sleep(SETTLE_STEP_MS);
  }
  console.error(`the chapter was still busy in PostgreSQL ${SETTLE_LIMIT_MS} ms after the load`);
}

export function totalCalls(stats: readonly StatementStat[]): number {
  return stats.reduce((sum, stat) => sum + stat.calls, 0);
}
