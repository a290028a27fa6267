import { EmailNotifications, LogNotifications } from '../adapters/notifications';
import { createDataSource } from '../adapters/orm';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { bootstrap } from '../bootstrap';
import { getApiHost, getApiPort, getPostgresUri, getRedisUri, getSmtpUrl } from '../config';
import type { Publish } from '../service-layer/handlers';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createApp } from './fastify-app';
import { startLocalRedis } from './local-redis';
import { startConsumer } from './redis-eventconsumer';

type Stop = () => Promise<void>;

/** Without Redis the app still serves HTTP; it just does not talk to the outside world. */
const externalEventsOff: Publish = async () => {};

/**
 * `pnpm start`: the whole app with no setup. PostgreSQL from DATABASE_URL, else an embedded one;
 * Redis from REDIS_URL, else a redis-server from PATH, else none (external events are off); email
 * to SMTP_URL, else only logged.
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
    const dataSource = await createDataSource(configured ?? embedded?.url ?? '').initialize();
    stops.push(() => dataSource.destroy());
    await dataSource.synchronize(); // the book's metadata.create_all

    const redis = await findRedis();
    if (redis.stop) stops.push(redis.stop);
    if (redis.url) {
      redisEventpublisher.connect(redis.url);
      stops.push(redisEventpublisher.close);
    }

    const smtpUrl = getSmtpUrl();
    const notifications = smtpUrl ? new EmailNotifications(smtpUrl) : new LogNotifications();
    const bus = bootstrap({
      uow: new TypeOrmUnitOfWork(dataSource),
      notifications,
      publish: redis.url ? redisEventpublisher.publish : externalEventsOff,
    });

    if (redis.url) stops.push((await startConsumer(redis.url, bus)).stop);
    const app = createApp({ bus });
    stops.push(() => app.close());
    const address = await app.listen({ host: getApiHost(), port: getApiPort() });

    process.stdout.write(
      [
        `Allocation API listening on ${address}. Ctrl-C stops it.`,
        `  PostgreSQL: ${embedded ? 'embedded (its data is discarded on exit)' : 'DATABASE_URL'}`,
        `  Redis:      ${redis.description}`,
        `  Email:      ${smtpUrl ? 'sent to SMTP_URL' : 'logged only (set SMTP_URL to send it)'}`,
        '',
      ].join('\n'),
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

interface FoundRedis {
  url?: string;
  stop?: Stop;
  description: string;
}

async function findRedis(): Promise<FoundRedis> {
  const configured = getRedisUri();
  if (configured !== undefined) return { url: configured, description: `REDIS_URL (${configured})` };
  try {
    const local = await startLocalRedis();
    return { ...local, description: `a local redis-server at ${local.url}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      description: `none (${reason}): external events are OFF. Set REDIS_URL or install redis-server to turn them on.`,
    };
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
