/** What a run does, from the environment: `BENCH_DURATION=30 pnpm bench` and so on. */
export interface Settings {
  /** Seconds of load. */
  readonly durationSeconds: number;
  /** Concurrent HTTP connections during the load. */
  readonly connections: number;
  /** Skus seeded before the load; the allocations rotate across them. */
  readonly skus: number;
  readonly batchesPerSku: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    durationSeconds: positiveInteger(env, 'BENCH_DURATION', 10),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 10),
    skus: positiveInteger(env, 'BENCH_SKUS', 100),
    batchesPerSku: positiveInteger(env, 'BENCH_BATCHES_PER_SKU', 2),
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
