/**
 * `pnpm bench <chapter>`: the chapter's API, started as `pnpm start` starts it, under load; the SQL it
 * sends, counted by PostgreSQL. Run on demand, never in the tests. Exits non-zero when an answer and
 * the database disagree, a batch is over-allocated, or one allocation's statements grow with its batches.
 */
import { chaptersWithAnApi, pickChapter } from './chapters';
import { Cleanup, cleanUpOnSignals } from './cleanup';
import { startEnvironment } from './environment';
import { measureGrowth } from './growth';
import {
  allocateOnOneSku,
  allocateOverManySkus,
  raceForTheLastUnits,
  readAllocations,
  type ScenarioResult,
} from './load-scenarios';
import { countStatementsPerAllocation, nPlusOneSuspects } from './n-plus-one';
import { printGrowth, printHeader, printScenario, printStatementCases } from './report';
import { benchResults, type ScenarioKey, writeBenchResults } from './results-file';
import { readSettings } from './settings';

async function main(): Promise<number> {
  const settings = readSettings();
  const chapter = pickChapter(await chaptersWithAnApi(), process.argv[2] ?? '');
  const cleanup = new Cleanup();
  cleanUpOnSignals(cleanup);
  try {
    const env = await startEnvironment(chapter, cleanup);
    printHeader(env, settings);
    const counting = env.counter.unavailable === undefined;

    const counts = await countStatementsPerAllocation(env);
    const suspects = counting ? nPlusOneSuspects(counts) : [];
    printStatementCases(counts, suspects, counting);
    const growth = await measureGrowth(env, settings.growthSizes, settings.timedRequests);
    printGrowth(growth);

    const scenarios: (ScenarioResult & { key: ScenarioKey })[] = [];
    const run = async (key: ScenarioKey, scenario: Promise<ScenarioResult>): Promise<void> => {
      const result = await scenario;
      printScenario(result);
      scenarios.push({ ...result, key });
    };
    await run('many-skus', allocateOverManySkus(env, settings));
    if (env.readModel) await run('read', readAllocations(env, settings));
    await run('one-sku', allocateOnOneSku(env, settings));
    await run('race', raceForTheLastUnits(env, settings));
    const written = await writeBenchResults(benchResults(env, settings, counts, growth, scenarios));
    if (written !== undefined) process.stdout.write(`results: ${written}\n`);

    const failures = [
      ...(suspects.length > 0
        ? ['one allocation sends more statements with 50 batches than with 1 (N+1)']
        : []),
      ...scenarios.flatMap(({ title, problems }) => problems.map((problem) => `${title}: ${problem}`)),
    ];
    for (const failure of failures) console.error(`FAILED: ${failure}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

// process.exit: everything is stopped by now, and no exit hook of a dependency may change the code
main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
