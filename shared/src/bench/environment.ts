import { startRedis } from '../services/redis';
import { onAFreePort } from '../services/free-port';
import { type BenchDatabase, createBenchDatabase } from './bench-database';
import { type Chapter } from './chapters';
import { startChapter } from './chapter-process';
import type { Cleanup } from './cleanup';
import { startPostgresServer } from './postgres-server';
import { type StatementCounter, statementCounter } from './statement-counter';

export interface BenchEnvironment {
  readonly chapter: Chapter;
  readonly baseUrl: string;
  readonly db: BenchDatabase;
  readonly counter: StatementCounter;
  /** The chapter keeps the allocations_view read model (and serves GET /allocations/:orderid). */
  readonly readModel: boolean;
  /** The chapter keeps a products table (chapter 7 on), whose version each allocation bumps. */
  readonly products: boolean;
  readonly postgres: string;
  readonly redis: string;
}

/** PostgreSQL, a database of the bench's own, Redis when the chapter publishes events, and the chapter's `start`. */
export async function startEnvironment(chapter: Chapter, cleanup: Cleanup): Promise<BenchEnvironment> {
  const server = await startPostgresServer();
  cleanup.add('PostgreSQL', server.stop);
  const db = await createBenchDatabase(server.url);
  cleanup.add(`database ${db.name}`, db.drop);
  const counter = await statementCounter(db);
  const { rows } = await db.client.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  );
  const postgres = `PostgreSQL ${rows[0]?.version ?? '?'} (${server.description})`;

  const env: Record<string, string> = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
  let redis = 'none (the chapter publishes no events)';
  if (chapter.capabilities.publishesEvents) {
    const provided = await startRedis({ log: () => {} });
    cleanup.add('Redis', () => provided.stop());
    env.REDIS_URL = provided.url;
    redis =
      provided.origin === 'environment'
        ? 'REDIS_URL'
        : `a redis-server of the bench's own (${provided.origin})`;
  }

  const running = await onAFreePort((port) => startChapter(chapter, { ...env, PORT: String(port) }), 2);
  cleanup.add(chapter.name, running.stop);
  const tables = await db.tables();
  const [readModel, products] = [tables.includes('allocations_view'), tables.includes('products')];
  return { chapter, baseUrl: running.baseUrl, db, counter, readModel, products, postgres, redis };
}
