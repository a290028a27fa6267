/**
 * The allocation API under load, and the SQL one allocation costs: `pnpm --filter ch06-unit-of-work bench`.
 * Run on demand, never in the tests; settings and figures are in BENCHMARKS.md. Exits non-zero when one
 * allocation sends a different number of statements with 50 batches on its sku than with 1 (N+1).
 * With BENCH_GROWTH=0,1000,4000,8000 it also times one allocation with that many allocations already made.
 */
import { availableParallelism, cpus } from 'node:os';
import { ALLOCATED } from './api';
import { Cleanup, cleanUpOnSignals } from './cleanup';
import { type BenchEnvironment, startEnvironment } from './environment';
import { type GrowthMeasurement, measureGrowth, median, TIMED_REQUESTS } from './growth';
import { type LoadResult, runLoad, seed } from './load';
import { readSettings, type Settings } from './settings';
import {
  describe,
  type Measurement,
  measureStatementCounts,
  nPlusOneSuspects,
  summarize,
} from './statement-count';

const print = (line = ''): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  cleanUpOnSignals(cleanup);
  try {
    const env = await startEnvironment(cleanup);
    printHeader(env, settings);

    const measurements = await measureStatementCounts(env);
    const suspects = nPlusOneSuspects(measurements);
    printStatementCounts(measurements, suspects);
    if (settings.growthSizes.length > 0) printGrowth(await measureGrowth(env, settings.growthSizes));

    await env.truncate();
    await seed(env, settings);
    printLoad(settings, await runLoad(env, settings));
    return suspects.length === 0 ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

function printHeader(env: BenchEnvironment, settings: Settings): void {
  const { connections, durationSeconds, skus, batchesPerSku } = settings;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  print('ch06-unit-of-work: POST /allocate benchmark');
  print(`  ${env.database}; Node ${process.version}; ${availableParallelism()} CPUs, ${cpu}`);
  const seeded = `${count(skus, 'sku')} × ${count(batchesPerSku, 'batch', 'batches')}`;
  print(`  load: ${count(connections, 'connection')} for ${durationSeconds} s over ${seeded}`);
  print();
}

function printStatementCounts(measurements: readonly Measurement[], suspects: readonly Measurement[]): void {
  print('SQL statements sent by one POST /allocate (transaction control included)');
  for (const { scenario, statements } of measurements) {
    const total = String(statements.length).padStart(3);
    print(`  ${describe(scenario).padEnd(40)} ${total}  ${summarize(statements)}`);
  }
  if (suspects.length === 0) {
    print('  same count for 1 and 50 batches: yes (no N+1 loading)');
  } else {
    print('  same count for 1 and 50 batches: NO, N+1 loading. The statements:');
    for (const { scenario, statements } of suspects) {
      print(`  ${describe(scenario)}:`);
      for (const statement of statements) print(`    ${statement.slice(0, 160)}`);
    }
  }
  print();
}

function printGrowth(measurements: readonly GrowthMeasurement[]): void {
  print(`One POST /allocate on an idle API with allocations already made (median of ${TIMED_REQUESTS})`);
  for (const { existingAllocations, placement, durationsMs, statements } of measurements) {
    const label = `${existingAllocations} allocations on ${placement}`;
    const each = durationsMs.map((ms) => ms.toFixed(0)).join(', ');
    const took = `${median(durationsMs).toFixed(1)} ms`.padStart(10);
    print(`  ${label.padEnd(40)}${took}  (${each}; ${statements} statements)`);
  }
  print();
}

function printLoad(settings: Settings, load: LoadResult): void {
  const { allocated, clientErrors, conflicts, serverErrors, other } = load.byStatus;
  const answered = allocated + clientErrors + conflicts + serverErrors + other;
  const statuses = `${ALLOCATED} ${allocated}, 4xx ${clientErrors}, 409 ${conflicts}, 5xx ${serverErrors}`;
  print(`Load: POST /allocate, ${count(settings.connections, 'connection')}, ${settings.durationSeconds} s`);
  row('requests/s (mean)', load.requestsPerSecond.toFixed(1));
  row('latency p50 / p99', `${load.latencyP50Ms} ms / ${load.latencyP99Ms} ms`);
  row('responses', `${answered}: ${statuses}${other > 0 ? `, other ${other}` : ''}`);
  row('no response', `${load.errors} (timeouts ${load.timeouts})`);
  row('responses in each second', load.perSecond.join(' '));
  row('serialization failures', `${load.serializationFailures} (each one retried, or answered 409)`);
  row('SQL statements', `${load.statements} (${perResponse(load.statements, answered)} per response)`);
  row('allocations at the end', `${load.allocationsInDatabase} in the database`);
}

function row(label: string, value: string): void {
  print(`  ${label.padEnd(26)}${value}`);
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function perResponse(total: number, responses: number): string {
  return responses === 0 ? '-' : (total / responses).toFixed(1);
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
