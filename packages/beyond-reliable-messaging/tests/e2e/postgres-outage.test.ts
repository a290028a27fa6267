// PostgreSQL goes away in the middle of a load (a proxy in front of it drops every connection and
// refuses new ones) and comes back: whatever committed is in the view and on the stream.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  eventually,
  type ProvidedService,
  startRedis,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
} from 'shared';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/adapters/database';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { logger as relayLogger } from '../../src/entrypoints/outbox-relay';
import { logger as busLogger } from '../../src/service-layer/messagebus';
import {
  allocateFor,
  committedAllocations,
  migratedDatabase,
  publishedAllocations,
  type RunningApp,
  startApp,
  stock,
  unsent,
  viewedAllocations,
} from './fault-support';

let database: TestDatabase;
let redis: ProvidedService;
let proxy: TcpProxy;
let app: RunningApp;
let direct: DataSource; // the test's own look at the database, around the proxy

beforeAll(async () => {
  [database, redis] = await Promise.all([migratedDatabase(), startRedis()]);
  redisEventpublisher.connect(redis.url);
  proxy = await startTcpProxy(database.url);
  app = await startApp(proxy.url);
  direct = await createDataSource(database.url).initialize();
});

afterAll(async () => {
  await app.stop();
  await direct.destroy();
  await proxy.stop();
  await redisEventpublisher.close();
  await redis.stop();
  await database.drop();
});

it('PostgreSQL stopped and started during a load: no committed allocation is missing from the view or the stream', async () => {
  jest.spyOn(busLogger, 'error').mockImplementation(() => {});
  jest.spyOn(relayLogger, 'warn').mockImplementation(() => {});
  jest.spyOn(console, 'error').mockImplementation(() => {}); // a rollback on a connection that is gone
  const skus = await stock(app.url, 8);

  const load = allocateFor([app.url], skus, { ms: 2_000, clients: 8 });
  for (let outage = 0; outage < 5; outage++) {
    await sleep(300);
    proxy.down(); // PostgreSQL goes away: requests in hand fail, some of them after their commit
    await sleep(100);
    proxy.up(); // and comes back
  }
  const answers = await load;

  const committed = await committedAllocations(direct);
  expect(answers.get(202)).toBeGreaterThan(0);
  expect((answers.get(500) ?? 0) + (answers.get(0) ?? 0)).toBeGreaterThan(0); // the outage was felt
  expect(committed.length).toBeGreaterThanOrEqual(answers.get(202) ?? 0);
  expect(await viewedAllocations(direct)).toEqual(committed);
  await eventually(async () => expect(await unsent(direct)).toBe(0), { timeout: 10_000 });
  expect(await publishedAllocations(redis.url)).toEqual(committed);
  jest.restoreAllMocks();
});
