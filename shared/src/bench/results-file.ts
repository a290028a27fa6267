import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './chapters';
import type { BenchEnvironment } from './environment';
import type { GrowthMeasurement } from './growth';
import type { ScenarioResult } from './load-scenarios';
import type { CaseCount } from './n-plus-one';
import { machine } from './report';
import type { Settings } from './settings';
import { median, totalResponses } from './stats';
import { totalCalls } from './statement-counter';

/** Which load a scenario is: the key the guide's charts and BENCHMARKS.md's tables go by. */
export type ScenarioKey = 'many-skus' | 'read' | 'one-sku' | 'race';

/** What `benchmarks/<package>.json` holds: one run of `pnpm bench <package>`, as the report printed it. */
export interface BenchResults {
  readonly package: string;
  readonly date: string;
  readonly machine: string;
  readonly settings: Settings;
  readonly statementsPerAllocation: readonly {
    batches: number;
    existingAllocations: number;
    statements: number | null;
  }[];
  readonly growth: readonly { existingAllocations: number; medianMs: number; statements: number | null }[];
  readonly scenarios: readonly {
    key: ScenarioKey;
    title: string;
    requestsPerSecond: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    responses: number;
    byStatus: ScenarioResult['load']['byStatus'];
    noResponse: number;
    statementsPerResponse: number | null;
    overAllocated: number | null;
    problems: readonly string[];
  }[];
}

export function benchResults(
  env: BenchEnvironment,
  settings: Settings,
  counts: readonly CaseCount[],
  growth: readonly GrowthMeasurement[],
  scenarios: readonly (ScenarioResult & { key: ScenarioKey })[],
): BenchResults {
  const counting = env.counter.unavailable === undefined;
  return {
    package: env.chapter.name,
    date: new Date().toISOString(),
    machine: machine(),
    settings,
    statementsPerAllocation: counts.map(({ case: c, stats }) => ({
      ...c,
      statements: counting ? totalCalls(stats) : null,
    })),
    growth: growth.map(({ existingAllocations, durationsMs, statements }) => ({
      existingAllocations,
      medianMs: median(durationsMs),
      statements: statements ?? null,
    })),
    scenarios: scenarios.map(({ key, title, load, statements, problems, overAllocated }) => {
      const responses = totalResponses(load.byStatus);
      return {
        key,
        title,
        requestsPerSecond: load.requestsPerSecond,
        latencyP50Ms: load.latencyP50Ms,
        latencyP99Ms: load.latencyP99Ms,
        responses,
        byStatus: load.byStatus,
        noResponse: load.errors,
        statementsPerResponse: statements === undefined || responses === 0 ? null : statements / responses,
        overAllocated: overAllocated ?? null,
        problems,
      };
    }),
  };
}

/**
 * Next to BENCHMARKS.md: `benchmarks/<package>.json`, for the guide's charts. A BENCH_QUICK run only
 * checks that the bench works, so it writes nothing unless BENCH_RESULTS names a folder.
 */
export async function writeBenchResults(
  results: BenchResults,
  env = process.env,
): Promise<string | undefined> {
  const folder =
    env.BENCH_RESULTS ?? (results.settings.quick ? undefined : join(REPOSITORY_ROOT, 'benchmarks'));
  if (folder === undefined || folder === '') return undefined;
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${results.package}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
