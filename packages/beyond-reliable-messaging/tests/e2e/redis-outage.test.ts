// Redis goes away, or hangs, in the middle of a load: every committed event is on the stream, once,
// when it is back.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  eventually,
  type ProvidedService,
  startRedis,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
} from 'shared';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { logger as relayLogger } from '../../src/entrypoints/outbox-relay';
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
let proxy: TcpProxy; // between the relay and Redis
let app: RunningApp;

beforeAll(async () => {
  [database, redis] = await Promise.all([migratedDatabase(), startRedis()]);
  proxy = await startTcpProxy(redis.url);
  redisEventpublisher.connect(proxy.url);
  app = await startApp(database.url);
});

afterAll(async () => {
  await app.stop();
  await redisEventpublisher.close();
  await proxy.stop();
  await redis.stop();
  await database.drop();
});

beforeEach(() => {
  jest.spyOn(relayLogger, 'warn').mockImplementation(() => {});
  jest.spyOn(redisEventpublisher.logger, 'warn').mockImplementation(() => {});
});

afterEach(() => jest.restoreAllMocks());

async function loadWith(outage: () => void, recovery: () => void): Promise<void> {
  const skus = await stock(app.url);
  const load = allocateFor([app.url], skus, { ms: 1_400, clients: 4, pauseMs: 10 });
  await sleep(200);
  outage();
  await sleep(1_000); // longer than a publish waits for an answer (0.5 s)
  recovery();
  expect((await load).get(202)).toBeGreaterThan(0); // the API answers while Redis is away

  const committed = (await committedAllocations(app.dataSource)).filter((a) => skus.includes(a.sku));
  await eventually(async () => expect(await unsent(app.dataSource)).toBe(0), { timeout: 10_000 });
  const published = (await publishedAllocations(redis.url)).filter((a) => skus.includes(a.sku));
  expect(published).toEqual(committed);
  expect(await viewedAllocations(app.dataSource)).toEqual(await committedAllocations(app.dataSource));
}

it('Redis stopped during a load: every committed event is delivered once it is back', async () => {
  await loadWith(proxy.down, proxy.up);
});

it('Redis frozen during a load: every committed event is delivered once, when it wakes up', async () => {
  await loadWith(proxy.freeze, proxy.thaw);
});
