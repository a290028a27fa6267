// The benchmark figures that `pnpm bench <package>` writes to benchmarks/<package>.json (BenchResults in
// shared/src/bench/results-file.ts), reduced to what the guide plots.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const scenario = (results, key) => results.scenarios.find((s) => s.key === key);
const statementsFor = (results, batches, existingAllocations) =>
  results.statementsPerAllocation.find(
    (c) => c.batches === batches && c.existingAllocations === existingAllocations,
  )?.statements ?? null;

export function readFigures(folder, name) {
  const file = join(folder, `${name}.json`);
  if (!existsSync(file)) return undefined;
  const results = JSON.parse(readFileSync(file, 'utf8'));
  return {
    date: results.date,
    machine: results.machine,
    allocationsPerSecond: scenario(results, 'many-skus')?.requestsPerSecond ?? null,
    readsPerSecond: scenario(results, 'read')?.requestsPerSecond ?? null,
    oneSkuPerSecond: scenario(results, 'one-sku')?.requestsPerSecond ?? null,
    overAllocated: scenario(results, 'race')?.overAllocated ?? null,
    statementsFirst: statementsFor(results, 1, 0),
    statementsBusy: statementsFor(results, 50, 60),
  };
}
