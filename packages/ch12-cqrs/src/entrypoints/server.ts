import closeWithGrace from 'close-with-grace';
import { createDataSource, runMigrations } from '../adapters/database';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { getApiHost, getApiPort, getLogLevel, getPostgresUri, getRedisUri } from '../config';
import { createApp } from './fastify-app';

/**
 * The API, on DATABASE_URL and REDIS_URL; the consumer runs in a process of its own (consumer.ts), so
 * each message is handled once. `pnpm start` runs both with shared's launcher, which provides them.
 */
async function main(): Promise<void> {
  const redisUrl = getRedisUri();
  if (redisUrl === undefined) throw new Error('set REDIS_URL, or run `pnpm start`, which provides one');
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await runMigrations(dataSource); // start runs pending migrations (where the book calls metadata.create_all)
  redisEventpublisher.connect(redisUrl);
  const app = createApp({ dataSource, logger: { level: getLogLevel() } });
  closeWithGrace(async ({ err }) => {
    if (err) app.log.error({ err }, 'stopping on an error');
    await app.close(); // stops listening, then waits for the requests in hand
    await redisEventpublisher.close();
    await dataSource.destroy();
  });
  await app.listen({ host: getApiHost(), port: getApiPort() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
