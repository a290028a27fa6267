import { createDataSource } from '../adapters/orm';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import { bootstrap } from '../bootstrap';
import { getApiHost, getApiPort, getLogLevel, getPostgresUri, getRedisUri, getSmtpUrl } from '../config';
import type { Publish } from '../service-layer/handlers';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createApp } from './fastify-app';
import { startLocalRedis } from './local-redis';
import { startConsumer } from './redis-eventconsumer';
import { Shutdown, StartupInterrupted } from './shutdown';

const shutdown = new Shutdown().listen();

/** Without Redis the app still serves HTTP; it just does not talk to the outside world. */
const externalEventsOff: Publish = async () => {};

/**
 * `pnpm start`: the whole app with no setup. PostgreSQL from DATABASE_URL, else an embedded one;
 * Redis from REDIS_URL, else a redis-server from PATH, else none (external events are off); email
 * to SMTP_URL, else only logged.
 */
async function main(): Promise<void> {
  const configured = getPostgresUri();
  const embedded = configured === undefined ? await startEmbeddedPostgres() : undefined;
  if (embedded) shutdown.add(embedded.stop);
  const dataSource = await createDataSource(configured ?? embedded?.url ?? '').initialize();
  shutdown.add(() => dataSource.destroy());
  await dataSource.synchronize(); // the book's metadata.create_all

  const redis = await findRedis();
  if (redis.stop) shutdown.add(redis.stop);
  if (redis.url) {
    redisEventpublisher.connect(redis.url);
    shutdown.add(redisEventpublisher.close);
  }

  // notifications: bootstrap's default, email to SMTP_URL or a log line
  const bus = bootstrap({
    uow: new TypeOrmUnitOfWork(dataSource),
    publish: redis.url ? redisEventpublisher.publish : externalEventsOff,
  });

  if (redis.url) shutdown.add((await startConsumer(redis.url, bus)).stop);
  const app = createApp({ bus, logger: { level: getLogLevel() } });
  shutdown.add(() => app.close());
  const address = await app.listen({ host: getApiHost(), port: getApiPort() });

  process.stdout.write(
    [
      `Allocation API listening on ${address}. Ctrl-C stops it.`,
      `  PostgreSQL: ${embedded ? 'embedded (its data is discarded on exit)' : 'DATABASE_URL'}`,
      `  Redis:      ${redis.description}`,
      `  Email:      ${getSmtpUrl() ? 'sent to SMTP_URL' : 'logged only (set SMTP_URL to send it)'}`,
      '',
    ].join('\n'),
  );
  await shutdown.started();
}

interface FoundRedis {
  url?: string;
  stop?: () => Promise<void>;
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

main().catch(async (error: unknown) => {
  if (!(error instanceof StartupInterrupted)) console.error(error);
  await shutdown.exit(error instanceof StartupInterrupted ? 0 : 1);
});
