import { randomBatchref, randomOrderid, randomSku } from 'shared';
import * as commands from '../../src/domain/commands';
import { postToAddBatch, useApi } from './api-client';

const api = useApi();
const db = api.db;

interface Answer {
  status: number;
  body: string | { message?: string };
}

it('concurrent allocations never over-allocate, and every request gets an answer', async () => {
  const [sku, batchref] = [randomSku(), randomBatchref()];
  const purchased = 20;
  await postToAddBatch(api, batchref, sku, purchased, null);

  const answers: Answer[] = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const r = await api.post('/allocate', { orderid: randomOrderid(i), sku, qty: 1 });
      return {
        status: r.status,
        body: r.status === 202 ? await r.text() : ((await r.json()) as Answer['body']),
      };
    }),
  );

  const [{ allocated, lines }] = await db.dataSource.query<[{ allocated: number; lines: number }]>(
    'SELECT coalesce(sum(qty), 0)::int AS allocated, count(*)::int AS lines FROM allocations' +
      ' JOIN order_lines ON order_lines.id = allocations.orderline_id WHERE order_lines.sku = $1',
    [sku],
  );
  const [{ version }] = await db.dataSource.query<[{ version: number }]>(
    'SELECT version_number AS version FROM products WHERE sku = $1',
    [sku],
  );
  const [{ viewed }] = await db.dataSource.query<[{ viewed: number }]>(
    'SELECT count(*)::int AS viewed FROM allocations_view WHERE sku = $1',
    [sku],
  );

  // each request is for 1: the first 20 allocated, the others found the stock gone; none answered 409,
  // for the commands of one product wait for each other in the process
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
  expect(allocated).toBe(purchased);
  expect(lines).toBe(purchased);
  expect(viewed).toBe(lines); // the read model agrees with the write side
  expect(version).toBe(lines); // one version per allocation: no lost update
});

it('concurrent commands for one product wait for each other in the bus: none is tried again', async () => {
  const [sku, batchref] = [randomSku(), randomBatchref()];
  await postToAddBatch(api, batchref, sku, 100, null);

  // a bus for each, as for each request, without the API's retries: a lost race would reject
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) => api.bus().handle(new commands.Allocate(randomOrderid(i), sku, 1))),
  );

  expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
  const [{ version }] = await db.dataSource.query<[{ version: number }]>(
    'SELECT version_number AS version FROM products WHERE sku = $1',
    [sku],
  );
  expect(version).toBe(20);
});
