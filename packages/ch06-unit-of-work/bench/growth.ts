import { addBatch, ALLOCATED, expectStatus, postJson } from './api';
import type { BenchEnvironment } from './environment';
import { expectAllocations } from './statement-count';

/** Where the allocations already in the database are: on the sku allocated to, or on another one. */
export type Placement = 'its sku' | 'another sku';

export interface GrowthMeasurement {
  readonly existingAllocations: number;
  readonly placement: Placement;
  /** One duration per timed POST /allocate, in milliseconds. */
  readonly durationsMs: readonly number[];
  /** Statements sent by the last timed request. */
  readonly statements: number;
}

const PLACEMENTS: readonly Placement[] = ['its sku', 'another sku'];
export const TIMED_REQUESTS = 5;
const SKU = 'GROWTH';
const OTHER_SKU = 'GROWTH-OTHER';

/** For each size and placement: one batch per sku, that many allocations inserted with SQL, then timed allocations. */
export async function measureGrowth(
  env: BenchEnvironment,
  sizes: readonly number[],
): Promise<GrowthMeasurement[]> {
  const measurements: GrowthMeasurement[] = [];
  for (const existingAllocations of sizes) {
    for (const placement of PLACEMENTS)
      measurements.push(await timeAllocations(env, existingAllocations, placement));
  }
  return measurements;
}

async function timeAllocations(
  env: BenchEnvironment,
  existingAllocations: number,
  placement: Placement,
): Promise<GrowthMeasurement> {
  await env.truncate();
  const qty = existingAllocations + TIMED_REQUESTS; // lines of 1: never out of stock
  await addBatch(env.apiUrl, { ref: `${SKU}-batch`, sku: SKU, qty, eta: null });
  await addBatch(env.apiUrl, { ref: `${OTHER_SKU}-batch`, sku: OTHER_SKU, qty, eta: null });
  await insertAllocations(env, placement === 'its sku' ? SKU : OTHER_SKU, existingAllocations);

  const durationsMs: number[] = [];
  let statements = 0;
  for (let i = 0; i < TIMED_REQUESTS; i++) {
    let reply = { status: 0, body: '' };
    const startedAt = performance.now();
    const recorded = await env.counter.record(async () => {
      reply = await postJson(env.apiUrl, '/allocate', { orderid: `timed-${i}`, sku: SKU, qty: 1 });
    });
    durationsMs.push(performance.now() - startedAt);
    statements = recorded.length;
    expectStatus(reply, ALLOCATED, `timed allocation ${i}`);
  }
  await expectAllocations(env, existingAllocations + TIMED_REQUESTS);
  return { existingAllocations, placement, durationsMs, statements };
}

/** Through the API this would take minutes for thousands of lines; SQL writes the same rows in one statement. */
async function insertAllocations(env: BenchEnvironment, sku: string, count: number): Promise<void> {
  await env.dataSource.query(
    `WITH lines AS (
       INSERT INTO order_lines (orderid, sku, qty)
       SELECT 'seeded-' || i, $1, 1 FROM generate_series(1, $2::int) AS i
       RETURNING id
     )
     INSERT INTO allocations (batch_id, orderline_id)
     SELECT (SELECT id FROM batches WHERE sku = $1), id FROM lines`,
    [sku, count],
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}
