// The publisher publishes only while connected and fails at once while Redis is away; every wait on Redis
// is bounded; a message published again is in its stream once.
import { eventually, type ProvidedService, startRedis, startTcpProxy, type TcpProxy } from 'shared';
import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import { readStream, withRedis } from '../e2e/redis-client';

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

const message = (id: string) => ({ stream: 'line_allocated', id, data: JSON.stringify({ orderid: id }) });

it('a publish before connect(), or after close(), fails and says to connect', async () => {
  await redisEventpublisher.close(); // closing a publisher never connected is no error

  await expect(redisEventpublisher.publish([message('unconnected')])).rejects.toThrow(
    'the Redis event publisher is not connected: call connect()',
  );
  redisEventpublisher.connect(redis.url);
  await redisEventpublisher.close();
  await expect(redisEventpublisher.publish([message('closed')])).rejects.toThrow('not connected');
});

it('a publish while Redis is away fails at once, and publishes again once Redis is back', async () => {
  proxy.down();
  try {
    redisEventpublisher.connect(proxy.url);

    // not queued until Redis is back: the relay tries again later
    await expect(redisEventpublisher.publish([message('away')])).rejects.toThrow(
      "Stream isn't writeable and enableOfflineQueue options is false",
    );
  } finally {
    proxy.up();
  }
  await eventually(() => redisEventpublisher.publish([message('back')])); // reconnected by itself
});

it('a publish to a Redis that has stopped answering fails after its command timeout', async () => {
  redisEventpublisher.connect(proxy.url);
  await eventually(() => redisEventpublisher.publish([message('connected')])); // connected, and answering

  proxy.freeze();
  try {
    const publishing = redisEventpublisher.publish([message('frozen')]);

    await expect(publishing).rejects.toThrow('Command timed out'); // without the timeout, it never settles
  } finally {
    proxy.thaw();
  }
});

it('adds a message published again to its stream once, and each new one in order', async () => {
  redisEventpublisher.connect(redis.url);
  await eventually(() => redisEventpublisher.publish([message('first')]));

  await redisEventpublisher.publish([message('first'), message('second'), message('first')]);
  await redisEventpublisher.publish([message('second'), message('third')]);

  const ids = (await readStream(redis.url, 'line_allocated')).map((m) => m.id);
  expect(ids.filter((id) => ['first', 'second', 'third'].includes(id ?? ''))).toEqual([
    'first',
    'second',
    'third',
  ]);
});

it('remembers for a week that it published a message, so a relay that retries within it adds nothing', async () => {
  redisEventpublisher.connect(redis.url);
  await eventually(() => redisEventpublisher.publish([message('remembered')]));

  const seconds = await withRedis(redis.url, (client) => client.ttl('line_allocated:published:remembered'));

  expect(seconds).toBeGreaterThan(7 * 24 * 3600 - 60);
  expect(seconds).toBeLessThanOrEqual(7 * 24 * 3600);
});
