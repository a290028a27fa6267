import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { LogNotifications } from '../src/adapters/notifications';
import { createDataSource } from '../src/adapters/orm';
import * as redisEventpublisher from '../src/adapters/redis-eventpublisher';
import { bootstrap } from '../src/bootstrap';
import { getPostgresUri, getRedisUri } from '../src/config';
import { startEmbeddedPostgres } from '../src/entrypoints/embedded-postgres';
import { createApp } from '../src/entrypoints/fastify-app';
import { startLocalRedis } from '../src/entrypoints/local-redis';
import { TypeOrmUnitOfWork } from '../src/service-layer/unit-of-work';
import type { Cleanup } from './cleanup';
import { StatementCounter } from './statement-counter';

export interface BenchEnvironment {
  /** The API's base URL, e.g. http://127.0.0.1:40123 */
  readonly apiUrl: string;
  readonly dataSource: DataSource;
  readonly counter: StatementCounter;
  /** Where PostgreSQL comes from and its version, for the report. */
  readonly database: string;
  /** Where Redis comes from, for the report. */
  readonly redis: string;
  /** Resolves once no request is being handled, the ones whose client has hung up included. */
  readonly settled: () => Promise<void>;
  /** Empties every table of the bench's own database. */
  readonly truncate: () => Promise<void>;
  /** Rows of the allocations table: what the API really allocated, whatever it answered. */
  readonly allocationsInDatabase: () => Promise<number>;
  /** Rows of allocations_view, which an event handler writes for each allocation. */
  readonly readModelRows: () => Promise<number>;
}

/**
 * PostgreSQL, a throwaway database with the schema, Redis for the Allocated events, and the API on a
 * free port; `cleanup` stops them all.
 */
export async function startEnvironment(cleanup: Cleanup): Promise<BenchEnvironment> {
  const configured = getPostgresUri();
  const databaseUrl =
    configured === undefined
      ? await startEmbedded(cleanup)
      : await createThrowawayDatabase(configured, cleanup);

  const dataSource = await createDataSource(databaseUrl).initialize();
  cleanup.add('the DataSource', () => dataSource.destroy());
  await dataSource.synchronize();
  const [{ server_version: version } = { server_version: '?' }] =
    await dataSource.query<{ server_version: string }[]>('SHOW server_version');

  const counter = new StatementCounter();
  dataSource.setOptions({ logger: counter });

  const redis = await startRedis(cleanup);
  redisEventpublisher.connect(redis.url);
  cleanup.add('the Redis event publisher', redisEventpublisher.close);

  // as `pnpm start` wires it without SMTP_URL; nothing runs out of stock, so nothing is ever logged
  const bus = bootstrap({
    uow: new TypeOrmUnitOfWork(dataSource),
    notifications: new LogNotifications(),
    publish: redisEventpublisher.publish,
  });
  const app = createApp({ bus, logger: false });
  const settled = trackRequests(app);
  cleanup.add('the API', async () => {
    await app.close();
    await settled(); // before what their handlers use is stopped
  });
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  const tables = dataSource.entityMetadatas.map((metadata) => `"${metadata.tableName}"`).join(', ');
  return {
    apiUrl,
    dataSource,
    counter,
    settled,
    database: `PostgreSQL ${version} (${configured === undefined ? 'embedded-postgres' : 'DATABASE_URL'})`,
    redis: redis.description,
    truncate: async () => {
      await dataSource.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
    },
    allocationsInDatabase: () => countRows(dataSource, 'allocations'),
    readModelRows: () => countRows(dataSource, 'allocations_view'),
  };
}

async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [{ count } = { count: 0 }] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM "${table}"`,
  );
  return count;
}

/**
 * autocannon hangs up on the requests in flight when its time is up, but their handlers go on. onSend,
 * not onResponse, marks the end of one: onResponse never comes once the client has hung up.
 */
function trackRequests(app: FastifyInstance): () => Promise<void> {
  let handling = 0;
  app.addHook('onRequest', async () => {
    handling += 1;
  });
  app.addHook('onSend', async (_request, _reply, payload) => {
    handling -= 1;
    return payload;
  });
  return async () => {
    const giveUpAt = performance.now() + SETTLE_LIMIT_MS; // a handler that never ends must not hang the bench
    while (handling > 0 && performance.now() < giveUpAt) await sleep(10);
    if (handling > 0) console.error(`${handling} requests still being handled after ${SETTLE_LIMIT_MS} ms`);
  };
}

const SETTLE_LIMIT_MS = 30_000;

/** The whole server is the bench's: its data directory goes when it stops. */
async function startEmbedded(cleanup: Cleanup): Promise<string> {
  const embedded = await startEmbeddedPostgres();
  cleanup.add('the embedded PostgreSQL', embedded.stop);
  return embedded.url;
}

/** Every allocation publishes an event, as in `pnpm start`: REDIS_URL, else a redis-server of the bench's own. */
async function startRedis(cleanup: Cleanup): Promise<{ url: string; description: string }> {
  const configured = getRedisUri();
  if (configured !== undefined) return { url: configured, description: 'Redis from REDIS_URL' };
  const local = await startLocalRedis().catch((error: unknown) => {
    throw new Error('the bench needs Redis: set REDIS_URL, or install redis-server', { cause: error });
  });
  cleanup.add('the local redis-server', local.stop); // and it dies with this process in any case
  return { url: local.url, description: 'a local redis-server' };
}

/** On a DATABASE_URL server, a database of the bench's own: it truncates tables, and no one else's. */
async function createThrowawayDatabase(serverUrl: string, cleanup: Cleanup): Promise<string> {
  const name = `allocation_bench_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  cleanup.add(`database ${name}`, () =>
    onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(serverUrl: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
