import closeWithGrace from 'close-with-grace';
import { createDataSource, runMigrations } from '../adapters/database';
import { bootstrap, defaultNotifications } from '../bootstrap';
import { getPostgresUri, getRedisUri } from '../config';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { startConsumer } from './redis-eventconsumer';

/**
 * The Redis consumer, a process of its own beside the API, on the same DATABASE_URL and REDIS_URL:
 * `pnpm start` runs both, `pnpm consumer` this alone (any number of them share the stream). What a
 * reallocation here raises goes out through the outbox, which the API's relay publishes.
 */
async function main(): Promise<void> {
  const redisUrl = getRedisUri();
  if (redisUrl === undefined) throw new Error("set REDIS_URL: the API's Redis");
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await runMigrations(dataSource); // the API runs them too, at the same moment under `pnpm start`
  const notifications = defaultNotifications();
  // a bus for each message, as the API has one for each request
  const bus = () => bootstrap({ uow: new TypeOrmUnitOfWork(dataSource), notifications });
  const consumer = await startConsumer(redisUrl, bus);
  closeWithGrace(async () => {
    await consumer.stop();
    notifications.close();
    await dataSource.destroy();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
