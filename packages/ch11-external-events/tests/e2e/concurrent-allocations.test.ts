import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { postToAddBatch, useApi } from './api-client';

const api = useApi();
const db = api.db;

interface Answer {
  status: number;
  body: { batchref?: string; message?: string };
}

it('concurrent allocations never over-allocate, and every request gets an answer', async () => {
  const [sku, batchref] = [randomSku(), randomBatchref()];
  const purchased = 20;
  await postToAddBatch(api, batchref, sku, purchased, null);

  const answers: Answer[] = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const r = await api.post('/allocate', { orderid: randomOrderid(i), sku, qty: 1 });
      return { status: r.status, body: (await r.json()) as Answer['body'] };
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
  const allocatedAnswers = answers.filter((a) => a.status === 201 && a.body.batchref === batchref);
  const conflicts = answers.filter((a) => a.status === 409);
  const outOfStock = answers.filter((a) => a.status === 400);

  // each request is for 1: every one not refused as a conflict allocated, or found the stock gone
  const notRefused = answers.filter((a) => a.status !== 409).length;
  expect(allocated).toBe(Math.min(purchased, notRefused));
  expect(answers.every((a) => a.status === 201 || a.status === 400 || a.status === 409)).toBe(true);
  expect(allocatedAnswers).toHaveLength(lines); // what the API said it allocated is what was written
  expect(version).toBe(lines); // one version per allocation: no lost update
  expect(
    conflicts.every((a) => a.body.message === `Sku ${sku} was changed by a concurrent request; try again`),
  ).toBe(true);
  expect(outOfStock.every((a) => a.body.message === `Out of stock for sku ${sku}`)).toBe(true);
});
