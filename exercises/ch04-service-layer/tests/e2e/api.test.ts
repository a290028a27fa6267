import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { postToAddBatch, useApi } from './api-client';

const api = useApi();

it('deallocate', async () => {
  const [sku, order1, order2] = [randomSku(), randomOrderid(), randomOrderid()];
  const batch = randomBatchref();
  await postToAddBatch(api, batch, sku, 100, '2011-01-02');
  // fully allocate
  let r = await api.post('/allocate', { orderid: order1, sku, qty: 100 });
  expect(await r.json()).toEqual({ batchref: batch });

  // cannot allocate second order
  r = await api.post('/allocate', { orderid: order2, sku, qty: 100 });
  expect(r.status).toBe(400);

  // deallocate
  r = await api.post('/deallocate', { orderid: order1, sku });
  expect(r.ok).toBe(true);

  // now we can allocate second order
  r = await api.post('/allocate', { orderid: order2, sku, qty: 100 });
  expect(r.ok).toBe(true);
  expect(await r.json()).toEqual({ batchref: batch });
});

it('deallocate of an unknown sku returns 400 and error message', async () => {
  const sku = randomSku();
  const r = await api.post('/deallocate', { orderid: randomOrderid(), sku });
  expect(r.status).toBe(400);
  expect(await r.json()).toEqual({ message: `Invalid sku ${sku}` });
});

it('deallocate with a field missing returns 400 and writes nothing', async () => {
  const sku = randomSku();
  await postToAddBatch(api, randomBatchref(), sku, 10, null);
  const r = await api.post('/deallocate', { sku });
  expect(r.status).toBe(400);
  expect(((await r.json()) as { message: string }).message).toContain('orderid');
});
