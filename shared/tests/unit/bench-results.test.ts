import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { BenchEnvironment } from '../../src/bench/environment';
import type { ScenarioResult } from '../../src/bench/load-scenarios';
import { benchResults, writeBenchResults } from '../../src/bench/results-file';
import { tableOf } from '../../src/bench/results-table';
import { readSettings } from '../../src/bench/settings';
import { countByStatus } from '../../src/bench/stats';

const env = (counting: boolean) =>
  ({
    chapter: { name: 'ch07-aggregate' },
    counter: { unavailable: counting ? undefined : 'no pg_stat_statements' },
  }) as unknown as BenchEnvironment;

const race: ScenarioResult & { key: 'race' } = {
  key: 'race',
  title: 'POST /allocate, 16 at a time',
  load: {
    requestsPerSecond: 300,
    latencyP50Ms: 40,
    latencyP99Ms: 100,
    byStatus: countByStatus({ 201: 100, 400: 500 }),
    errors: 0,
    timeouts: 0,
    perSecond: [300, 300],
  },
  statements: 6000,
  stats: [],
  problems: [],
  overAllocated: 0,
};

describe('bench results file', () => {
  it('holds each figure the report prints, statements per response worked out', () => {
    const results = benchResults(
      env(true),
      readSettings({}),
      [{ case: { batches: 1, existingAllocations: 0 }, stats: [{ query: 'SELECT 1', calls: 10 }] }],
      [{ existingAllocations: 1000, durationsMs: [3, 1, 2], statements: 10 }],
      [race],
    );
    expect(results).toMatchObject({
      package: 'ch07-aggregate',
      statementsPerAllocation: [{ batches: 1, existingAllocations: 0, statements: 10 }],
      growth: [{ existingAllocations: 1000, medianMs: 2, statements: 10 }],
      scenarios: [
        { key: 'race', requestsPerSecond: 300, responses: 600, statementsPerResponse: 10, overAllocated: 0 },
      ],
    });
  });

  it('says null where statements could not be counted', () => {
    const results = benchResults(
      env(false),
      readSettings({}),
      [{ case: { batches: 1, existingAllocations: 0 }, stats: [] }],
      [],
      [{ ...race, statements: undefined, overAllocated: undefined }],
    );
    expect(results.statementsPerAllocation[0]?.statements).toBeNull();
    expect(results.scenarios[0]).toMatchObject({ statementsPerResponse: null, overAllocated: null });
  });

  it('is written as <package>.json where BENCH_RESULTS says, and not at all for a quick run', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-results-'));
    try {
      const results = benchResults(env(true), readSettings({ BENCH_QUICK: '1' }), [], [], []);
      expect(await writeBenchResults(results, {})).toBeUndefined();
      const file = await writeBenchResults(results, { BENCH_RESULTS: folder });
      expect(file).toBe(join(folder, 'ch07-aggregate.json'));
      expect(JSON.parse(await readFile(join(folder, 'ch07-aggregate.json'), 'utf8'))).toEqual(results);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('bench table', () => {
  it('has a row per package with its figures, and n/a where a package was not measured so', () => {
    const results = benchResults(
      env(true),
      readSettings({}),
      [{ case: { batches: 1, existingAllocations: 0 }, stats: [{ query: 'SELECT 1', calls: 7 }] }],
      [
        { existingAllocations: 0, durationsMs: [4.04], statements: 7 },
        { existingAllocations: 10_000, durationsMs: [81_000], statements: 7 },
      ],
      [race],
    );
    const [header, , row] = tableOf([results]).split('\n');
    expect(header).toContain('one allocation after 0 / 10,000 allocations');
    expect(row).toBe(
      '| ch07-aggregate | 7 | 4.0 ms / 81.0 s | n/a | n/a | 0 units beyond the stock, 0 409 |  |',
    );
  });
});
