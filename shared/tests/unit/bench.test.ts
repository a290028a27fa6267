import { describe, expect, it } from '@jest/globals';
import { capabilitiesOf, pickChapter } from '../../src/bench/chapters';
import { integrityProblems } from '../../src/bench/integrity';
import { nPlusOneSuspects } from '../../src/bench/n-plus-one';
import { readSettings } from '../../src/bench/settings';
import { countByStatus, median, perResponse, summarizeStatements } from '../../src/bench/stats';

describe('bench settings', () => {
  it('has defaults for a real measurement', () => {
    expect(readSettings({})).toEqual({
      durationSeconds: 10,
      connections: 10,
      skus: 100,
      batchesPerSku: 2,
      growthSizes: [0, 1_000, 10_000],
      timedRequests: 25,
      quick: false,
    });
  });

  it('has a quick mode with short loads and small growth sizes, which settings still override', () => {
    const quick = readSettings({ BENCH_QUICK: '1', BENCH_CONNECTIONS: '4' });
    expect(quick).toMatchObject({
      quick: true,
      durationSeconds: 2,
      connections: 4,
      growthSizes: [0, 100, 1_000],
    });
  });

  it('reads growth sizes as a list, and "none" as no growth step', () => {
    expect(readSettings({ BENCH_GROWTH: '0, 500,2000' }).growthSizes).toEqual([0, 500, 2_000]);
    expect(readSettings({ BENCH_GROWTH: 'none' }).growthSizes).toEqual([]);
  });

  it('refuses settings that are not positive integers', () => {
    expect(() => readSettings({ BENCH_DURATION: '0' })).toThrow(
      'BENCH_DURATION must be a positive integer, not 0',
    );
    expect(() => readSettings({ BENCH_CONNECTIONS: '2.5' })).toThrow('BENCH_CONNECTIONS');
    expect(() => readSettings({ BENCH_GROWTH: '10,-1' })).toThrow('BENCH_GROWTH');
  });
});

describe('bench chapters', () => {
  const chapters = [{ name: 'ch06-unit-of-work' }, { name: 'ch12-cqrs' }, { name: 'ch13-di' }];

  it('picks a chapter by its name or a unique prefix of it', () => {
    expect(pickChapter(chapters, 'ch13-di').name).toBe('ch13-di');
    expect(pickChapter(chapters, 'ch06').name).toBe('ch06-unit-of-work');
  });

  it('refuses an ambiguous or unknown prefix, naming the chapters', () => {
    expect(() => pickChapter(chapters, 'ch1')).toThrow('ch1 could be ch12-cqrs or ch13-di');
    expect(() => pickChapter(chapters, 'ch99')).toThrow('there are: ch06-unit-of-work, ch12-cqrs, ch13-di');
    expect(() => pickChapter(chapters, '')).toThrow('usage: pnpm bench <chapter>');
  });

  it('expects 201 from POST /allocate up to chapter 11 and 202 from chapter 12, and Redis from chapter 11', () => {
    expect(capabilitiesOf(4)).toMatchObject({ allocatedStatus: 201, publishesEvents: false });
    expect(capabilitiesOf(11)).toMatchObject({ allocatedStatus: 201, publishesEvents: true });
    expect(capabilitiesOf(12)).toMatchObject({ allocatedStatus: 202, publishesEvents: true });
  });

  it('seeds over POST /add_batch from chapter 5, and chapter 4 in SQL', () => {
    expect(capabilitiesOf(4).addsBatchesOverHttp).toBe(false);
    expect(capabilitiesOf(5).addsBatchesOverHttp).toBe(true);
    expect(capabilitiesOf(13).addsBatchesOverHttp).toBe(true);
  });
});

describe('bench checks', () => {
  const batch = { reference: 'b1', purchased: 10, allocated: 10 };

  it('finds nothing wrong when every 2xx allocation is stored and no batch holds more than it bought', () => {
    expect(integrityProblems(5, { allocationRows: 6, readModelRows: 5, batches: [batch] })).toEqual([]);
  });

  it('reports allocations answered 2xx but missing from the tables', () => {
    expect(integrityProblems(5, { allocationRows: 4, readModelRows: 3, batches: [] })).toEqual([
      '5 allocations answered 2xx, but only 4 rows in allocations',
      '5 allocations answered 2xx, but only 3 rows in allocations_view',
    ]);
  });

  it('reports an over-allocated batch', () => {
    const over = { reference: 'b2', purchased: 10, allocated: 11 };
    expect(integrityProblems(0, { allocationRows: 0, batches: [batch, over] })).toEqual([
      'batch b2 is over-allocated: 11 allocated of 10 purchased',
    ]);
  });

  it('flags a case whose statement count differs from the 1-batch case with as many allocations', () => {
    const stats = (calls: number): { query: string; calls: number }[] => [{ query: 'SELECT 1', calls }];
    const counts = [
      { case: { batches: 1, existingAllocations: 0 }, stats: stats(6) },
      { case: { batches: 50, existingAllocations: 0 }, stats: stats(6) },
      { case: { batches: 1, existingAllocations: 60 }, stats: stats(6) },
      { case: { batches: 50, existingAllocations: 60 }, stats: stats(56) },
    ];
    expect(nPlusOneSuspects(counts).map((count) => count.case)).toEqual([
      { batches: 50, existingAllocations: 60 },
    ]);
  });
});

describe('bench report', () => {
  it('groups responses by status class, 409 apart', () => {
    expect(countByStatus({ '201': 7, '202': 1, '400': 2, '404': 1, '409': 3, '500': 1, '302': 1 })).toEqual({
      success: 8,
      clientErrors: 3,
      conflicts: 3,
      serverErrors: 1,
      other: 1,
    });
  });

  it('takes the median of odd and even counts', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives statements per response, or n/a when they were not counted', () => {
    expect(perResponse(120, 10)).toBe('12.0');
    expect(perResponse(undefined, 10)).toBe('n/a');
    expect(perResponse(0, 0)).toBe('-');
  });

  it('summarises statements by kind in transaction order', () => {
    const stats = [
      { query: 'COMMIT', calls: 2 },
      { query: 'INSERT INTO "order_lines" ($1)', calls: 1 },
      { query: 'start transaction', calls: 2 },
      { query: 'SELECT * FROM batches', calls: 1 },
      { query: 'INSERT INTO allocations ($1)', calls: 1 },
    ];
    expect(summarizeStatements(stats)).toBe('2 START TRANSACTION, SELECT, 2 INSERT, 2 COMMIT');
  });
});
