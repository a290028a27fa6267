import type { BenchEnvironment } from './environment';
import { expectStatus, postJson } from './http';
import { totalCalls } from './statement-counter';
import { addStock } from './stock';

export interface GrowthMeasurement {
  readonly existingAllocations: number;
  /** One duration per timed POST /allocate, in milliseconds. */
  readonly durationsMs: readonly number[];
  /** Statements of the last timed request; undefined when they cannot be counted. */
  readonly statements?: number;
}

const SKU = 'GROWTH';
/** After this long at one size, the timing stops (once 3 allocations are timed). */
const TIME_BUDGET_MS = 20_000;

/** For each size: one batch, that many allocations on its sku written with SQL, then timed allocations one at a time. */
export async function measureGrowth(
  env: BenchEnvironment,
  sizes: readonly number[],
  timedRequests: number,
): Promise<GrowthMeasurement[]> {
  const measurements: GrowthMeasurement[] = [];
  for (const size of sizes) measurements.push(await timeAllocations(env, size, timedRequests));
  return measurements;
}

async function timeAllocations(
  env: BenchEnvironment,
  existingAllocations: number,
  timedRequests: number,
): Promise<GrowthMeasurement> {
  const { baseUrl, db, counter } = env;
  await db.truncate();
  await addStock(env, {
    ref: `${SKU}-batch`,
    sku: SKU,
    qty: existingAllocations + timedRequests,
    eta: null,
  });
  await insertAllocations(env, existingAllocations);

  const durationsMs: number[] = [];
  const startedAt = performance.now();
  // a chapter whose allocation grows with the sku's history may take a minute each: 3 are enough then
  for (let i = 0; i < timedRequests; i++) {
    if (i >= 3 && performance.now() - startedAt > TIME_BUDGET_MS) break;
    await counter.reset(); // what the last one sends is counted
    const sentAt = performance.now();
    const reply = await postJson(baseUrl, '/allocate', { orderid: `timed-${i}`, sku: SKU, qty: 1 });
    durationsMs.push(performance.now() - sentAt);
    expectStatus(reply, env.chapter.capabilities.allocatedStatus, `timed allocation ${i}`);
  }
  await counter.settle();
  const statements = counter.unavailable === undefined ? totalCalls(await counter.read()) : undefined;
  const { rows } = await db.client.query<{ count: number }>('SELECT count(*)::int AS count FROM allocations');
  const expected = existingAllocations + durationsMs.length;
  if (rows[0]?.count !== expected)
    throw new Error(`expected ${expected} allocations, found ${rows[0]?.count}`);
  return { existingAllocations, durationsMs, statements };
}

/**
 * Through the API thousands of allocations would take minutes; SQL writes the same rows (and the read
 * model's) at once. ANALYZE then, as autovacuum would have on a database that grew over time.
 */
async function insertAllocations(env: BenchEnvironment, count: number): Promise<void> {
  const { client } = env.db;
  await client.query(
    `WITH lines AS (
       INSERT INTO order_lines (orderid, sku, qty)
       SELECT 'seeded-' || i, $1, 1 FROM generate_series(1, $2::int) AS i
       RETURNING id
     )
     INSERT INTO allocations (batch_id, orderline_id)
     SELECT (SELECT id FROM batches WHERE sku = $1), id FROM lines`,
    [SKU, count],
  );
  // each allocation bumps its product's version, as the app's do (chapter 7 on): a chapter that starts
  // from what it last committed must see that the product changed
  if (env.products)
    await client.query('UPDATE products SET version_number = version_number + $2 WHERE sku = $1', [
      SKU,
      count,
    ]);
  if (env.readModel)
    await client.query(
      `INSERT INTO allocations_view (orderid, sku, batchref)
       SELECT 'seeded-' || i, $1, $2 FROM generate_series(1, $3::int) AS i`,
      [SKU, `${SKU}-batch`, count],
    );
  await client.query('ANALYZE');
}
