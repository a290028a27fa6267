import closeWithGrace from 'close-with-grace';
import { createDataSource, runMigrations } from '../adapters/database';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { getPostgresUri, getRedisUri } from '../config';
import { startConsumer } from './redis-eventconsumer';

/**
 * The Redis consumer, a process of its own beside the API, on the same DATABASE_URL and REDIS_URL:
 * `pnpm start` runs both, `pnpm consumer` this alone.
 */
async function main(): Promise<void> {
  const redisUrl = getRedisUri();
  if (redisUrl === undefined) throw new Error("set REDIS_URL: the API's Redis");
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await runMigrations(dataSource); // the API runs them too, at the same moment under `pnpm start`
  redisEventpublisher.connect(redisUrl); // reallocations publish Allocated events
  const consumer = await startConsumer(redisUrl, dataSource);
  closeWithGrace(async () => {
    await consumer.stop();
    await redisEventpublisher.close();
    await dataSource.destroy();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
