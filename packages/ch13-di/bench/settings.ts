/** What a run does, from the environment: `BENCH_DURATION=30 pnpm bench` and so on. */
export interface Settings {
  /** Seconds of load. */
  readonly durationSeconds: number;
  /** Concurrent HTTP connections during the load. */
  readonly connections: number;
  /** Skus seeded before the load; the allocations rotate across them. */
  readonly skus: number;
  readonly batchesPerSku: number;
  /** Allocations already in the database before each timed POST /allocate; none: the step is skipped. */
  readonly growthSizes: readonly number[];
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    durationSeconds: positiveInteger(env, 'BENCH_DURATION', 10),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 10),
    skus: positiveInteger(env, 'BENCH_SKUS', 100),
    batchesPerSku: positiveInteger(env, 'BENCH_BATCHES_PER_SKU', 2),
    growthSizes: integerList(env, 'BENCH_GROWTH'),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${text}`);
  return value;
}

/** `BENCH_GROWTH=0,1000,4000,8000`; unset or empty: an empty list. */
function integerList(env: NodeJS.ProcessEnv, name: string): number[] {
  const text = env[name] ?? '';
  if (text.trim() === '') return [];
  return text.split(',').map((item) => {
    const value = Number(item.trim());
    if (item.trim() === '' || !Number.isInteger(value) || value < 0)
      throw new Error(`${name} must be a comma-separated list of integers ≥ 0, not ${text}`);
    return value;
  });
}
