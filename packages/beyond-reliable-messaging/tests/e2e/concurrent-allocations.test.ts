import { randomBatchref, randomOrderid, randomSku } from 'shared';
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

  const accepted = answers.filter((a) => a.status === 202);
  const conflicts = answers.filter((a) => a.status === 409);

  // each request is for 1: one that lost the race to the version answered 409; every other one was
  // accepted, and allocated unless the stock was gone by then
  expect(accepted.length + conflicts.length).toBe(answers.length);
  expect(lines).toBe(Math.min(purchased, accepted.length));
  expect(allocated).toBe(lines);
  expect(viewed).toBe(lines); // the read model agrees with the write side
  expect(version).toBe(lines); // one version per allocation: no lost update
  expect(conflicts.map((a) => a.body)).toEqual(
    conflicts.map(() => ({ message: `Sku ${sku} was changed by a concurrent request; try again` })),
  );
});
