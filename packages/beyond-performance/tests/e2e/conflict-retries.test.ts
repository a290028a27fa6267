import { QueryFailedError } from 'typeorm';
import { eventually, randomBatchref, randomOrderid, randomSku } from 'shared';
import { logger as consumerLogger } from '../../src/entrypoints/redis-eventconsumer';
import { MessageBus } from '../../src/service-layer/messagebus';
import { getAllocation, postToAddBatch, useApi } from './api-client';
import { publishMessage } from './redis-client';

const api = useApi({ consumer: true });
const db = api.db;

/** What PostgreSQL answers a transaction that lost the race to a product's version (at REPEATABLE READ). */
const lostRace = (): QueryFailedError =>
  new QueryFailedError('UPDATE products SET version_number = $1 WHERE sku = $2', [], {
    name: 'error',
    message: 'could not serialize access due to concurrent update',
    code: '40001',
  } as unknown as Error);

afterEach(() => jest.restoreAllMocks());

describe('a command that loses a race to a concurrent update', () => {
  it('is tried again by the API, which answers as if nothing happened', async () => {
    const [sku, batchref, orderid] = [randomSku(), randomBatchref(), randomOrderid()];
    await postToAddBatch(api, batchref, sku, 10, null);
    const handle = jest.spyOn(MessageBus.prototype, 'handle').mockRejectedValueOnce(lostRace());

    const r = await api.post('/allocate', { orderid, sku, qty: 1 });

    expect(r.status).toBe(202);
    expect(handle).toHaveBeenCalledTimes(2);
    expect(await (await getAllocation(api, orderid)).json()).toEqual([{ sku, batchref }]);
  });

  it('answers 409 when it keeps losing, after 5 attempts', async () => {
    const [sku, batchref] = [randomSku(), randomBatchref()];
    await postToAddBatch(api, batchref, sku, 10, null);
    const handle = jest.spyOn(MessageBus.prototype, 'handle').mockImplementation(async () => {
      throw lostRace();
    });

    const r = await api.post('/allocate', { orderid: randomOrderid(), sku, qty: 1 });

    expect(r.status).toBe(409);
    expect(await r.json()).toEqual({ message: `Sku ${sku} was changed by a concurrent request; try again` });
    expect(handle).toHaveBeenCalledTimes(5);
  });

  it('is tried again by the consumer', async () => {
    const [sku, batchref] = [randomSku(), randomBatchref()];
    await postToAddBatch(api, batchref, sku, 10, null);
    const failed = jest.spyOn(consumerLogger, 'error');
    const handle = jest.spyOn(MessageBus.prototype, 'handle').mockRejectedValueOnce(lostRace());

    await publishMessage(api.redisUrl, 'change_batch_quantity', { batchref, qty: 4 });

    await eventually(async () => {
      const [row] = await db.dataSource.query<[{ qty: number }]>(
        'SELECT _purchased_quantity AS qty FROM batches WHERE reference = $1',
        [batchref],
      );
      expect(row.qty).toBe(4);
    });
    expect(handle).toHaveBeenCalledTimes(2);
    expect(failed).not.toHaveBeenCalled();
  });
});
