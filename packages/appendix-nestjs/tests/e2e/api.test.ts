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

it('an allocation is saved: allocate goes through the unit of work (the book leaves it out)', async () => {
  const [sku, batchref, orderid] = [randomSku(), randomBatchref(), randomOrderid()];
  await postToAddBatch(api, batchref, sku, 10, null);

  await api.post('/allocate', { orderid, sku, qty: 3 });

  const rows = await db.dataSource.query<unknown[]>(
    'SELECT l.orderid, b.reference FROM allocations JOIN order_lines AS l ON orderline_id = l.id' +
      ' JOIN batches AS b ON batch_id = b.id WHERE b.sku = $1',
    [sku],
  );
  expect(rows).toEqual([{ orderid, reference: batchref }]);
});

it('requests at once each get a unit of work of their own from Nest', async () => {
  const sku = randomSku();
  const refs = Array.from({ length: 8 }, (_, i) => randomBatchref(i));

  const answers = await Promise.all(
    refs.map((ref) => api.post('/add_batch', { ref, sku, qty: 10, eta: null })),
  );

  expect(answers.map((r) => r.status)).toEqual(refs.map(() => 201));
  const rows = await db.dataSource.query<{ reference: string }[]>(
    'SELECT reference FROM batches WHERE sku = $1 ORDER BY reference',
    [sku],
  );
  expect(rows.map((row) => row.reference)).toEqual([...refs].sort());
});
