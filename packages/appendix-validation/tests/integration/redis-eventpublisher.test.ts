// Every wait on Redis is bounded: a publish to a Redis that has stopped answering fails, it does not hang.
import { eventually, type ProvidedService, startRedis, startTcpProxy, type TcpProxy } from 'shared';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import * as events from '../../src/domain/events';

let redis: ProvidedService;
let proxy: TcpProxy; // between the publisher and Redis: it can make Redis hang, as `kill -STOP` would

beforeAll(async () => {
  redis = await startRedis();
  proxy = await startTcpProxy(redis.url);
});

afterAll(async () => {
  await redisEventpublisher.close();
  await proxy.stop();
  await redis.stop();
});

it('a publish to a Redis that has stopped answering fails after its command timeout', async () => {
  redisEventpublisher.connect(proxy.url);
  const event = new events.Allocated('o1', 'SMALL-TABLE', 1, 'b1');
  await eventually(() => redisEventpublisher.publish('line_allocated', event)); // connected, and answering

  proxy.freeze();
  try {
    const publishing = redisEventpublisher.publish('line_allocated', event);

    await expect(publishing).rejects.toThrow('Command timed out'); // without the timeout, it never settles
  } finally {
    proxy.thaw();
  }
});
