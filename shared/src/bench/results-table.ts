/** The table of BENCHMARKS.md: one row per package, from what `pnpm bench <package>` wrote. */
import type { BenchResults } from './results-file';

type Scenario = BenchResults['scenarios'][number];

const whole = (n: number): string => Math.round(n).toLocaleString('en');
const ms = (n: number): string =>
  n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`;

function growthCell(results: BenchResults): string {
  return results.growth.length === 0 ? 'n/a' : results.growth.map(({ medianMs }) => ms(medianMs)).join(' / ');
}

const rate = (scenario: Scenario | undefined): string =>
  scenario === undefined ? 'n/a' : whole(scenario.requestsPerSecond);

function oneSkuCell(scenario: Scenario | undefined): string {
  if (scenario === undefined) return 'n/a';
  const { success, conflicts } = scenario.byStatus;
  return `${whole(scenario.requestsPerSecond)} (${whole(success)} 2xx, ${whole(conflicts)} 409)`;
}

function raceCell(scenario: Scenario | undefined): string {
  if (scenario === undefined) return 'n/a';
  // from chapter 12 an allocation that finds the stock gone answers 202 too: 2xx counts no units then
  const beyond = scenario.overAllocated === null ? 'n/a' : whole(scenario.overAllocated);
  return `${beyond} units beyond the stock, ${whole(scenario.byStatus.conflicts)} 409`;
}

const sizes = (all: readonly BenchResults[]): string =>
  (all.find((results) => results.growth.length > 0)?.growth ?? [])
    .map(({ existingAllocations }) => whole(existingAllocations))
    .join(' / ');

export function tableOf(all: readonly BenchResults[]): string {
  const header = [
    'package',
    'statements / allocation',
    `one allocation after ${sizes(all)} allocations`,
    'POST over many skus, req/s',
    'POST on one sku, req/s',
    '16 at a time for the last 100 units',
    'GET, req/s',
  ];
  const rows = all.map((results) => {
    const scenario = (key: Scenario['key']) => results.scenarios.find((s) => s.key === key);
    const read = scenario('read');
    return [
      results.package,
      String(results.statementsPerAllocation[0]?.statements ?? 'n/a'),
      growthCell(results),
      rate(scenario('many-skus')),
      oneSkuCell(scenario('one-sku')),
      raceCell(scenario('race')),
      read === undefined ? '' : whole(read.requestsPerSecond),
    ];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
