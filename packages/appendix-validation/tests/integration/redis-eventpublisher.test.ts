// The publisher publishes only while connected and fails at once while Redis is away; every wait on Redis
// is bounded: a publish to a Redis that has stopped answering fails, it does not hang.
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

const event = new events.Allocated('o1', 'SMALL-TABLE', 1, 'b1');

it('a publish before connect(), or after close(), fails and says to connect', async () => {
  await redisEventpublisher.close(); // closing a publisher never connected is no error

  await expect(redisEventpublisher.publish('line_allocated', event)).rejects.toThrow(
    'the Redis event publisher is not connected: call connect()',
  );
  redisEventpublisher.connect(redis.url);
  await redisEventpublisher.close();
  await expect(redisEventpublisher.publish('line_allocated', event)).rejects.toThrow('not connected');
});

it('a publish while Redis is away fails at once, and publishes again once Redis is back', async () => {
  proxy.down();
  try {
    redisEventpublisher.connect(proxy.url);

    // not queued until Redis is back: the request that publishes does not wait for it
    await expect(redisEventpublisher.publish('line_allocated', event)).rejects.toThrow(
      "Stream isn't writeable and enableOfflineQueue options is false",
    );
  } finally {
    proxy.up();
  }
  await eventually(() => redisEventpublisher.publish('line_allocated', event)); // reconnected by itself
});

it('a publish to a Redis that has stopped answering fails after its command timeout', async () => {
  redisEventpublisher.connect(proxy.url);
  await eventually(() => redisEventpublisher.publish('line_allocated', event)); // connected, and answering

  proxy.freeze();
  try {
    const publishing = redisEventpublisher.publish('line_allocated', event);

    await expect(publishing).rejects.toThrow('Command timed out'); // without the timeout, it never settles
  } finally {
    proxy.thaw();
  }
});
