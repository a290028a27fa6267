import { availableParallelism, cpus, loadavg } from 'node:os';
import type { BenchEnvironment } from './environment';
import type { GrowthMeasurement } from './growth';
import type { ScenarioResult } from './load-scenarios';
import type { CaseCount } from './n-plus-one';
import type { Settings } from './settings';
import { median, perResponse, summarizeStatements, totalResponses } from './stats';
import { totalCalls } from './statement-counter';

const print = (line = ''): void => void process.stdout.write(`${line}\n`);
const row = (label: string, value: string): void => print(`  ${label.padEnd(28)}${value}`);

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  return `nproc ${availableParallelism()}, ${cpu}, Node ${process.version}, load average ${load}`;
}

export function printHeader(env: BenchEnvironment, settings: Settings): void {
  print(
    `pnpm bench ${env.chapter.name}${settings.quick ? ' (BENCH_QUICK: a check that it works, not a measurement)' : ''}`,
  );
  row('machine', machine());
  row('database', env.postgres);
  row('redis', env.redis);
  row(
    'statement counting',
    env.counter.unavailable === undefined ? 'pg_stat_statements' : `n/a (${env.counter.unavailable})`,
  );
  row('load', `${settings.connections} connections × ${settings.durationSeconds} s per scenario`);
  print();
}

export function printStatementCases(
  counts: readonly CaseCount[],
  suspects: readonly CaseCount[],
  counting: boolean,
): void {
  print('SQL statements of one POST /allocate (server-side, BEGIN/COMMIT included)');
  for (const { case: c, stats } of counts) {
    const label = `${c.batches === 1 ? '1 batch' : `${c.batches} batches`}, ${c.existingAllocations} allocations already`;
    const total = counting ? String(totalCalls(stats)).padStart(3) : 'n/a';
    print(`  ${label.padEnd(40)}${total}  ${summarizeStatements(stats)}`);
  }
  if (!counting) print('  same count for 1 and 50 batches: n/a');
  else if (suspects.length === 0) print('  same count for 1 and 50 batches: yes (no N+1 loading)');
  else {
    print('  same count for 1 and 50 batches: NO (N+1 loading). Their statements:');
    for (const { stats } of suspects)
      for (const { query, calls } of stats) print(`    ${calls} × ${query.slice(0, 150)}`);
  }
  print();
}

export function printGrowth(measurements: readonly GrowthMeasurement[]): void {
  if (measurements.length === 0) return;
  print('One POST /allocate on an idle API, with allocations already made on its sku');
  for (const { existingAllocations, durationsMs, statements } of measurements) {
    const each = durationsMs.map((ms) => ms.toFixed(1)).join(', ');
    const took = `${median(durationsMs).toFixed(1)} ms`.padStart(10);
    const counted = statements === undefined ? 'n/a' : String(statements);
    print(
      `  ${`${existingAllocations} allocations`.padEnd(24)}median ${took}  (${each}; ${counted} statements)`,
    );
  }
  print();
}

export function printScenario({
  title,
  load,
  statements,
  stats,
  problems,
  overAllocated,
}: ScenarioResult): void {
  const { success, clientErrors, conflicts, serverErrors, other } = load.byStatus;
  const responses = totalResponses(load.byStatus);
  print(title);
  row('requests/s (mean)', load.requestsPerSecond.toFixed(1));
  row('latency p50 / p99', `${load.latencyP50Ms} ms / ${load.latencyP99Ms} ms`);
  const statuses = `2xx ${success}, 4xx ${clientErrors}, 409 ${conflicts}, 5xx ${serverErrors}`;
  row('responses', `${responses}: ${statuses}${other > 0 ? `, other ${other}` : ''}`);
  row('no response', `${load.errors} (timeouts ${load.timeouts})`);
  row('responses in each second', load.perSecond.join(' '));
  row('SQL statements per response', perResponse(statements, responses));
  if (statements !== undefined) row('SQL statements in all', `${statements}: ${summarizeStatements(stats)}`);
  if (overAllocated !== undefined) row('units beyond the stock', String(overAllocated));
  row('checks', problems.length === 0 ? 'ok' : `FAILED: ${problems.join('; ')}`);
  print();
}
