import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { postToAddBatch, useApi } from './api-client';

const api = useApi();
const db = api.db;

it('happy path returns 201 and allocated batch', async () => {
  const [sku, othersku] = [randomSku(), randomSku('other')];
  const earlybatch = randomBatchref(1);
  const laterbatch = randomBatchref(2);
  const otherbatch = randomBatchref(3);
  await postToAddBatch(api, laterbatch, sku, 100, '2011-01-02');
  await postToAddBatch(api, earlybatch, sku, 100, '2011-01-01');
  await postToAddBatch(api, otherbatch, othersku, 100, null);
  const data = { orderid: randomOrderid(), sku, qty: 3 };

  const r = await api.post('/allocate', data);

  expect(r.status).toBe(201);
  expect(((await r.json()) as { batchref: string }).batchref).toBe(earlybatch);
});

it('unhappy path returns 400 and error message', async () => {
  const [unknownSku, orderid] = [randomSku(), randomOrderid()];
  const data = { orderid, sku: unknownSku, qty: 20 };

  const r = await api.post('/allocate', data);

  expect(r.status).toBe(400);
  expect(((await r.json()) as { message: string }).message).toBe(`Invalid sku ${unknownSku}`);
});

it('out of stock returns 400 and error message', async () => {
  const sku = randomSku();
  await postToAddBatch(api, randomBatchref(), sku, 10, null);

  const r = await api.post('/allocate', { orderid: randomOrderid(), sku, qty: 11 });

  expect(r.status).toBe(400);
  expect(await r.json()).toEqual({ message: `Out of stock for sku ${sku}` });
  expect(await db.dataSource.query('SELECT * FROM allocations')).toEqual([]);
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
