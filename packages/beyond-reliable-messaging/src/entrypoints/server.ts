import closeWithGrace from 'close-with-grace';
import { createDataSource, runMigrations } from '../adapters/database';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { bootstrap, defaultNotifications } from '../bootstrap';
import { getApiHost, getApiPort, getLogLevel, getPostgresUri, getRedisUri } from '../config';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { createApp } from './fastify-app';
import { startRelay } from './outbox-relay';

/**
 * The API and the outbox's relay, on DATABASE_URL and, when set, REDIS_URL; email to SMTP_URL, else
 * only logged. The consumer runs in a process of its own (consumer.ts). `pnpm start` runs both with
 * shared's launcher, which provides them.
 */
async function main(): Promise<void> {
  const redisUrl = getRedisUri();
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await runMigrations(dataSource); // start runs pending migrations (where the book calls metadata.create_all)
  if (redisUrl) redisEventpublisher.connect(redisUrl);
  // without Redis the outbox keeps what is to go out, until the app runs with Redis again
  const relay = redisUrl ? startRelay(dataSource, redisEventpublisher.publish) : undefined;
  const notifications = defaultNotifications(); // one SMTP connection pool, for every request's bus
  // a bus for each request: each has a unit of work, and so a transaction, of its own (see the README)
  const bus = () => bootstrap({ uow: new TypeOrmUnitOfWork(dataSource), notifications });
  const app = createApp({ bus, logger: { level: getLogLevel() } });
  closeWithGrace(async ({ err }) => {
    if (err) app.log.error({ err }, 'stopping on an error');
    await app.close(); // stops listening, then waits for the requests in hand
    await relay?.stop();
    await redisEventpublisher.close();
    notifications.close();
    await dataSource.destroy();
  });
  await app.listen({ host: getApiHost(), port: getApiPort() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
