import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { getAllocation, postToAddBatch, postToAllocate, useApi } from './api-client';

const api = useApi();
const db = api.db;

it('happy path returns 202 and batch is allocated', async () => {
  const orderid = randomOrderid();
  const [sku, othersku] = [randomSku(), randomSku('other')];
  const earlybatch = randomBatchref(1);
  const laterbatch = randomBatchref(2);
  const otherbatch = randomBatchref(3);
  await postToAddBatch(api, laterbatch, sku, 100, '2011-01-02');
  await postToAddBatch(api, earlybatch, sku, 100, '2011-01-01');
  await postToAddBatch(api, otherbatch, othersku, 100, null);

  let r = await postToAllocate(api, orderid, sku, 3);
  expect(r.status).toBe(202);

  r = await getAllocation(api, orderid);
  expect(r.ok).toBe(true);
  expect(await r.json()).toEqual([{ sku, batchref: earlybatch }]);
});

it('unhappy path returns 400 and error message', async () => {
  const [unknownSku, orderid] = [randomSku(), randomOrderid()];
  let r = await postToAllocate(api, orderid, unknownSku, 20, false);
  expect(r.status).toBe(400);
  expect(((await r.json()) as { message: string }).message).toBe(`Invalid sku ${unknownSku}`);

  r = await getAllocation(api, orderid);
  expect(r.status).toBe(404);
});

it('out of stock is accepted, and the order has no allocation', async () => {
  const [sku, orderid] = [randomSku(), randomOrderid()];
  await postToAddBatch(api, randomBatchref(), sku, 10, null);

  await postToAllocate(api, orderid, sku, 11);

  expect((await getAllocation(api, orderid)).status).toBe(404);
});

it('an eta reaches the database as the same day', async () => {
  const ref = randomBatchref();

  await postToAddBatch(api, ref, randomSku(), 10, '2011-04-11');

  const rows = await db.dataSource.query<unknown[]>(
    'SELECT eta::text AS eta FROM batches WHERE reference = $1',
    [ref],
  );
  expect(rows).toEqual([{ eta: '2011-04-11' }]);
});
