import type { BenchEnvironment } from './environment';
import { allocate, shipmentEta } from './http';
import type { StatementStat } from './statement-counter';
import { addStock } from './stock';

export interface StatementCase {
  readonly batches: number;
  /** Allocations already made on the sku before the one counted. */
  readonly existingAllocations: number;
}

export interface CaseCount {
  readonly case: StatementCase;
  readonly stats: readonly StatementStat[];
}

/** Each pair differs only in the number of batches on the sku: no N+1 loading means equal counts in a pair. */
export const CASES: readonly StatementCase[] = [
  { batches: 1, existingAllocations: 0 },
  { batches: 50, existingAllocations: 0 },
  { batches: 1, existingAllocations: 60 },
  { batches: 50, existingAllocations: 60 },
];

const BATCH_QTY = 10;
const LINE_QTY = 5; // two lines fill a batch: 60 allocations spread over 30 of the 50 batches

/** The statements of one POST /allocate in each case, on emptied tables. */
export async function countStatementsPerAllocation(env: BenchEnvironment): Promise<CaseCount[]> {
  const counts: CaseCount[] = [];
  for (const c of CASES) counts.push({ case: c, stats: await countOne(env, c) });
  return counts;
}

async function countOne(env: BenchEnvironment, c: StatementCase): Promise<StatementStat[]> {
  const { baseUrl, db, counter } = env;
  const status = env.chapter.capabilities.allocatedStatus;
  await db.truncate();
  const sku = `COUNT-${c.batches}-${c.existingAllocations}`;
  const qty = c.batches === 1 ? (c.existingAllocations + 1) * LINE_QTY : BATCH_QTY; // one batch holds every line
  for (let i = 0; i < c.batches; i++)
    await addStock(env, { ref: `${sku}-b${i}`, sku, qty, eta: shipmentEta(i) });
  for (let i = 0; i < c.existingAllocations; i++)
    await allocate(baseUrl, { orderid: `${sku}-o${i}`, sku, qty: LINE_QTY }, status);
  await counter.settle();
  await counter.reset();
  await allocate(baseUrl, { orderid: `${sku}-counted`, sku, qty: LINE_QTY }, status);
  await counter.settle();
  return counter.read();
}

/** The cases whose count differs from the 1-batch case with as many existing allocations. */
export function nPlusOneSuspects(counts: readonly CaseCount[]): CaseCount[] {
  const total = (stats: readonly StatementStat[]): number => stats.reduce((sum, s) => sum + s.calls, 0);
  return counts.filter((count) => {
    const oneBatch = counts.find(
      (other) =>
        other.case.batches === 1 && other.case.existingAllocations === count.case.existingAllocations,
    );
    return oneBatch !== undefined && total(oneBatch.stats) !== total(count.stats);
  });
}
