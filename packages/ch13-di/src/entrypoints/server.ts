import closeWithGrace from 'close-with-grace';
import { createDataSource } from '../adapters/orm';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { bootstrap } from '../bootstrap';
import { getApiHost, getApiPort, getLogLevel, getPostgresUri, getRedisUri } from '../config';
import type { Publish } from '../service-layer/handlers';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { createApp } from './fastify-app';
import { startConsumer } from './redis-eventconsumer';

/** Without Redis the app still serves HTTP; it just does not talk to the outside world. */
const externalEventsOff: Publish = async () => {};

/**
 * The API and the Redis consumer together, on DATABASE_URL and, when set, REDIS_URL; email to
 * SMTP_URL, else only logged. `pnpm start` runs it with shared's launcher, which provides them.
 */
async function main(): Promise<void> {
  const redisUrl = getRedisUri();
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await dataSource.synchronize(); // the book's metadata.create_all
  if (redisUrl) redisEventpublisher.connect(redisUrl);
  // notifications: bootstrap's default, email to SMTP_URL or a log line
  const bus = bootstrap({
    uow: new TypeOrmUnitOfWork(dataSource),
    publish: redisUrl ? redisEventpublisher.publish : externalEventsOff,
  });
  const consumer = redisUrl ? await startConsumer(redisUrl, bus) : undefined;
  const app = createApp({ bus, logger: { level: getLogLevel() } });
  closeWithGrace(async ({ err }) => {
    if (err) app.log.error({ err }, 'stopping on an error');
    await app.close(); // stops listening, then waits for the requests in hand
    await consumer?.stop();
    await redisEventpublisher.close();
    await dataSource.destroy();
  });
  await app.listen({ host: getApiHost(), port: getApiPort() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
