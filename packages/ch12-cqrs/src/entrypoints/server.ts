import { createDataSource } from '../adapters/orm';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { getApiHost, getApiPort, getPostgresUri, getRedisUri } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createApp } from './fastify-app';
import { startLocalRedis } from './local-redis';
import { startConsumer } from './redis-eventconsumer';

type Stop = () => Promise<void>;

/**
 * `pnpm start`: the API and the Redis consumer together, on PostgreSQL from DATABASE_URL (else an
 * embedded one) and Redis from REDIS_URL (else a redis-server from PATH).
 */
async function main(): Promise<void> {
  const stops: Stop[] = []; // run in reverse order on the way out
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  };
  try {
    const configured = getPostgresUri();
    const embedded = configured === undefined ? await startEmbeddedPostgres() : undefined;
    if (embedded) stops.push(embedded.stop);
    const localRedis = getRedisUri() === undefined ? await startLocalRedis().catch(needRedis) : undefined;
    if (localRedis) stops.push(localRedis.stop);
    const redisUrl = getRedisUri() ?? localRedis?.url ?? '';

    const dataSource = await createDataSource(configured ?? embedded?.url ?? '').initialize();
    stops.push(() => dataSource.destroy());
    await dataSource.synchronize(); // the book's metadata.create_all

    redisEventpublisher.connect(redisUrl);
    stops.push(redisEventpublisher.close);
    const consumer = await startConsumer(redisUrl, dataSource);
    stops.push(consumer.stop);

    const app = createApp({ dataSource });
    stops.push(() => app.close());
    const address = await app.listen({ host: getApiHost(), port: getApiPort() });

    const database = embedded ? 'an embedded PostgreSQL (data discarded on exit)' : 'DATABASE_URL';
    const redis = localRedis ? `a local redis-server at ${redisUrl}` : 'REDIS_URL';
    process.stdout.write(
      `Allocation API listening on ${address}, using ${database} and ${redis}. Ctrl-C stops it.\n`,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`${signal}: shutting down\n`);
      void stopAll().then(() => process.exit(0));
    });
  }
}

function needRedis(error: Error): never {
  throw new Error(
    'This chapter needs Redis: set REDIS_URL, or install redis-server (apt-get install redis-server, brew install redis)',
    { cause: error },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
