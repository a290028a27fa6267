// The relay dies after it published and before it marked the messages sent: the next round publishes
// them again, and the stream holds each once.
import { eventually, type ProvidedService, startRedis } from 'shared';
import { LogNotifications } from '../../src/adapters/notifications';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { bootstrap } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import { logger as relayLogger, startRelay } from '../../src/entrypoints/outbox-relay';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';
import { QUICK } from './api-client';
import { committedAllocations, publishedAllocations, unsent } from './fault-support';
import { readStream } from './redis-client';

const db = useTestDatabase();
let redis: ProvidedService;

beforeAll(async () => {
  redis = await startRedis();
  redisEventpublisher.connect(redis.url);
});

afterAll(async () => {
  await redisEventpublisher.close();
  await redis.stop();
});

it('the relay killed between publishing and marking sent: the duplicate publish changes nothing downstream', async () => {
  jest.spyOn(relayLogger, 'warn').mockImplementation(() => {});
  const bus = () =>
    bootstrap({ uow: new TypeOrmUnitOfWork(db.dataSource), notifications: new LogNotifications() });
  await bus().handle(new commands.CreateBatch('b1', 'RELAYED-LAMP', 100, null));
  for (let i = 0; i < 5; i++) await bus().handle(new commands.Allocate(`o${i}`, 'RELAYED-LAMP', 1));
  let publishes = 0;
  const dies = startRelay(
    db.dataSource,
    async (messages) => {
      await redisEventpublisher.publish(messages);
      publishes += 1;
      throw new Error('killed before marking them sent');
    },
    QUICK.relay,
  );
  await eventually(() => expect(publishes).toBeGreaterThanOrEqual(2)); // published, and again
  await dies.stop();
  expect(await unsent(db.dataSource)).toBe(5);

  const next = startRelay(db.dataSource, redisEventpublisher.publish, QUICK.relay);
  try {
    await eventually(async () => expect(await unsent(db.dataSource)).toBe(0));
  } finally {
    await next.stop();
  }

  const stream = await readStream(redis.url, 'line_allocated');
  expect(new Set(stream.map((m) => m.id)).size).toBe(stream.length);
  expect(await publishedAllocations(redis.url)).toEqual(await committedAllocations(db.dataSource));
  jest.restoreAllMocks();
});
