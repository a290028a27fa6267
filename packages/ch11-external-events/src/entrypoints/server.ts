import closeWithGrace from 'close-with-grace';
import { createDataSource } from '../adapters/orm';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { getApiHost, getApiPort, getLogLevel, getPostgresUri, getRedisUri } from '../config';
import { createApp } from './fastify-app';
import { startConsumer } from './redis-eventconsumer';

/**
 * The API and the Redis consumer together, on DATABASE_URL and REDIS_URL. `pnpm start` runs it with
 * shared's launcher, which provides them.
 */
async function main(): Promise<void> {
  const redisUrl = getRedisUri();
  if (redisUrl === undefined) throw new Error('set REDIS_URL, or run `pnpm start`, which provides one');
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await dataSource.runMigrations(); // start runs pending migrations (where the book calls metadata.create_all)
  redisEventpublisher.connect(redisUrl);
  const consumer = await startConsumer(redisUrl, dataSource);
  const app = createApp({ dataSource, logger: { level: getLogLevel() } });
  closeWithGrace(async ({ err }) => {
    if (err) app.log.error({ err }, 'stopping on an error');
    await app.close(); // stops listening, then waits for the requests in hand
    await consumer.stop();
    await redisEventpublisher.close();
    await dataSource.destroy();
  });
  await app.listen({ host: getApiHost(), port: getApiPort() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
