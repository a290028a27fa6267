/**
 * `pnpm mutation <package> [--integration]`: Stryker mutates the package's domain and service layer
 * (and with --integration its adapters), runs its unit tests (and integration tests) against each
 * mutant, and prints the score and every mutant that survived. On demand, never part of `pnpm test`.
 * Reports: mutation-reports/<package>/<level>/ (git-ignored). MUTATION_CONCURRENCY: test processes (1).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core';
import { startPostgres } from '../services/postgres';
import { type MutationLevel, mutatedFolders, strykerConfig } from './stryker-config';
import { summarise } from './summary';

const root = join(__dirname, '..', '..', '..');
const print = (line = ''): void => void process.stdout.write(`${line}\n`);

function pickPackage(name: string | undefined): string {
  const names = readdirSync(join(root, 'packages')).filter((dir) =>
    existsSync(join(root, 'packages', dir, 'src', 'domain')),
  );
  const matches = names.filter((dir) => dir === name || (name !== undefined && dir.startsWith(name)));
  if (name === undefined || matches.length !== 1) {
    const why =
      name === undefined ? 'Name a package' : `${matches.length ? 'Ambiguous' : 'Unknown'} package "${name}"`;
    throw new Error(
      `${why}. usage: pnpm mutation <package> [--integration]; packages with a src/domain: ${names.join(', ')}`,
    );
  }
  return matches[0]!;
}

async function main(args: string[]): Promise<number> {
  const level: MutationLevel = args.includes('--integration') ? 'integration' : 'unit';
  const name = pickPackage(args.find((arg) => !arg.startsWith('-')));
  const packageDir = join(root, 'packages', name);
  const reportDir = join(root, 'mutation-reports', name, level);
  mkdirSync(reportDir, { recursive: true });
  print(
    `mutation testing ${name} (${level}): ${mutatedFolders(packageDir, level)
      .map((f) => `src/${f}`)
      .join(', ')}`,
  );

  process.env.MUTATION_LEVEL = level;
  const postgres = level === 'integration' ? await startPostgres() : undefined;
  if (postgres) process.env.DATABASE_URL = postgres.url; // Stryker's test processes inherit it
  try {
    process.chdir(packageDir); // Stryker copies the working directory into its sandbox
    const { Stryker } = await import('@stryker-mutator/core');
    const results: MutantResult[] = await new Stryker(
      strykerConfig(packageDir, level, reportDir),
    ).runMutationTest();
    const summary = summarise(results);
    writeFileSync(
      join(reportDir, 'summary.json'),
      `${JSON.stringify({ package: name, level, ...summary }, null, 2)}\n`,
    );
    print(
      `\n${name} (${level}): mutation score ${summary.score.toFixed(1)}% — ${summary.detected} of ${summary.valid} mutants detected`,
    );
    for (const survivor of summary.survivors) print(`  ${survivor}`);
    print(`reports: ${relative(root, reportDir)}`);
    return 0;
  } finally {
    await postgres?.stop();
  }
}

main(process.argv.slice(2).filter((arg) => arg !== '--')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
