/** What a run does, from the environment: `BENCH_DURATION=30 pnpm bench ch13` and so on. */
export interface Settings {
  /** Seconds of each load. */
  readonly durationSeconds: number;
  /** Concurrent HTTP connections during each load. */
  readonly connections: number;
  /** Skus seeded for the spread load; the allocations rotate across them. */
  readonly skus: number;
  readonly batchesPerSku: number;
  /** Allocations already made on the sku before each timed POST /allocate. */
  readonly growthSizes: readonly number[];
  /** Timed requests per growth size: the report shows their median. */
  readonly timedRequests: number;
  readonly quick: boolean;
}

const FULL = { durationSeconds: 10, growthSizes: [0, 1_000, 10_000], timedRequests: 25 };
const QUICK = { durationSeconds: 2, growthSizes: [0, 100, 1_000], timedRequests: 3 };

/** BENCH_QUICK=1 only checks that the bench works: short loads, small growth sizes. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const quick = env.BENCH_QUICK !== undefined && env.BENCH_QUICK !== '' && env.BENCH_QUICK !== '0';
  const defaults = quick ? QUICK : FULL;
  return {
    durationSeconds: positiveInteger(env, 'BENCH_DURATION', defaults.durationSeconds),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 10),
    skus: positiveInteger(env, 'BENCH_SKUS', 100),
    batchesPerSku: positiveInteger(env, 'BENCH_BATCHES_PER_SKU', 2),
    growthSizes: integerList(env, 'BENCH_GROWTH', defaults.growthSizes),
    timedRequests: positiveInteger(env, 'BENCH_TIMED_REQUESTS', defaults.timedRequests),
    quick,
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${text}`);
  return value;
}

/** `BENCH_GROWTH=0,1000,10000`; `BENCH_GROWTH=none` skips the step. */
function integerList(env: NodeJS.ProcessEnv, name: string, fallback: readonly number[]): readonly number[] {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  if (text.trim() === 'none') return [];
  return text.split(',').map((item) => {
    const value = Number(item.trim());
    if (item.trim() === '' || !Number.isInteger(value) || value < 0)
      throw new Error(`${name} must be "none" or a comma-separated list of integers ≥ 0, not ${text}`);
    return value;
  });
}
