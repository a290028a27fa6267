import type { FastifyServerOptions } from 'fastify';
import { startMailCatcher, startRedis } from 'shared';
import { EmailNotifications } from '../../src/adapters/notifications';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { bootstrap } from '../../src/bootstrap';
import { createApp } from '../../src/entrypoints/fastify-app';
import { startRelay } from '../../src/entrypoints/outbox-relay';
import { startConsumer } from '../../src/entrypoints/redis-eventconsumer';
import type { MessageBus } from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { type TestDb, useTestDatabase } from '../database';

export interface Api {
  readonly url: string;
  /** The test database the app works on. */
  readonly db: TestDb;
  /** The Redis the app's relay publishes to, and its consumer reads. */
  readonly redisUrl: string;
  /** What the app and its consumer bootstrap a bus with, for each request or message. */
  readonly bus: () => MessageBus;
  post(path: string, body: unknown): Promise<Response>;
}

export interface ApiOptions {
  /** Run the Redis consumer too, as `pnpm start` does. */
  consumer?: boolean;
  logger?: FastifyServerOptions['logger'];
}

/** Short waits, for tests: the relay looks every 50 ms, and a consumer claims what was idle 300 ms. */
export const QUICK = { relay: { intervalMs: 50 }, consumer: { claimIdleMs: 300, blockMs: 100 } } as const;

/**
 * Starts the app for the calling test file as server.ts does, with its relay, on its test database, a
 * Redis of its own (streams are global) and an SMTP server, and stops it all, in reverse order, afterwards.
 */
export function useApi({ consumer = false, logger = false }: ApiOptions = {}): Api {
  const stops: (() => Promise<void>)[] = [];
  // registered before the database's hooks, so all this stops before the database goes (jest runs
  // afterAll hooks in the order they were registered)
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });
  const db = useTestDatabase();
  let url: string | undefined;
  let redisUrl: string | undefined;
  let bus: (() => MessageBus) | undefined;

  beforeAll(async () => {
    const redis = await startRedis();
    stops.push(() => redis.stop());
    redisUrl = redis.url;
    redisEventpublisher.connect(redis.url);
    stops.push(redisEventpublisher.close);
    const smtp = await startMailCatcher();
    stops.push(() => smtp.stop());
    const notifications = new EmailNotifications(smtp.url);
    stops.push(async () => notifications.close());
    bus = () => bootstrap({ uow: new TypeOrmUnitOfWork(db.dataSource), notifications });
    const relay = startRelay(db.dataSource, redisEventpublisher.publish, QUICK.relay);
    stops.push(relay.stop);
    const app = createApp({ bus, logger });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    stops.push(() => {
      app.server.closeAllConnections(); // fetch keeps connections alive, and would keep jest waiting
      return app.close();
    });
    if (consumer) stops.push((await startConsumer(redis.url, bus, QUICK.consumer)).stop);
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the API starts in beforeAll');
    return value;
  };
  return {
    db,
    get url() {
      return started(url);
    },
    get redisUrl() {
      return started(redisUrl);
    },
    get bus() {
      return started(bus);
    },
    post(path, body) {
      return fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
      });
    },
  };
}

export async function postToAddBatch(
  api: Api,
  ref: string,
  sku: string,
  qty: number,
  eta: string | null,
): Promise<void> {
  const r = await api.post('/add_batch', { ref, sku, qty, eta });
  expect(r.status).toBe(201);
  await r.body?.cancel();
}

export async function postToAllocate(
  api: Api,
  orderid: string,
  sku: string,
  qty: number,
  expectSuccess = true,
): Promise<Response> {
  const r = await api.post('/allocate', { orderid, sku, qty });
  if (expectSuccess) expect(r.status).toBe(202);
  return r;
}

export function getAllocation(api: Api, orderid: string): Promise<Response> {
  return fetch(`${api.url}/allocations/${encodeURIComponent(orderid)}`);
}
