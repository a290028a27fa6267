import { createDataSource } from '../adapters/orm';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { getApiHost, getApiPort, getLogLevel, getPostgresUri, getRedisUri } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createApp } from './fastify-app';
import { startLocalRedis } from './local-redis';
import { startConsumer } from './redis-eventconsumer';
import { Shutdown, StartupInterrupted } from './shutdown';

const shutdown = new Shutdown().listen();

/**
 * `pnpm start`: the API and the Redis consumer together, on PostgreSQL from DATABASE_URL (else an
 * embedded one) and Redis from REDIS_URL (else a redis-server from PATH).
 */
async function main(): Promise<void> {
  const configured = getPostgresUri();
  const embedded = configured === undefined ? await startEmbeddedPostgres() : undefined;
  if (embedded) shutdown.add(embedded.stop);
  const localRedis = getRedisUri() === undefined ? await startLocalRedis().catch(needRedis) : undefined;
  if (localRedis) shutdown.add(localRedis.stop);
  const redisUrl = getRedisUri() ?? localRedis?.url ?? '';

  const dataSource = await createDataSource(configured ?? embedded?.url ?? '').initialize();
  shutdown.add(() => dataSource.destroy());
  await dataSource.synchronize(); // the book's metadata.create_all

  redisEventpublisher.connect(redisUrl);
  shutdown.add(redisEventpublisher.close);
  const consumer = await startConsumer(redisUrl, dataSource);
  shutdown.add(consumer.stop);

  const app = createApp({ dataSource, logger: { level: getLogLevel() } });
  shutdown.add(() => app.close());
  const address = await app.listen({ host: getApiHost(), port: getApiPort() });

  const database = embedded ? 'an embedded PostgreSQL (data discarded on exit)' : 'DATABASE_URL';
  const redis = localRedis ? `a local redis-server at ${redisUrl}` : 'REDIS_URL';
  process.stdout.write(
    `Allocation API listening on ${address}, using ${database} and ${redis}. Ctrl-C stops it.\n`,
  );
  await shutdown.started();
}

function needRedis(error: Error): never {
  throw new Error(
    'This chapter needs Redis: set REDIS_URL, or install redis-server (apt-get install redis-server, brew install redis)',
    { cause: error },
  );
}

main().catch(async (error: unknown) => {
  if (!(error instanceof StartupInterrupted)) console.error(error);
  await shutdown.exit(error instanceof StartupInterrupted ? 0 : 1);
});
