/**
 * The one Stryker configuration of the repository, built for a package: what `pnpm mutation` runs.
 * Unit level mutates the domain and the service layer and runs the unit tests; integration level also
 * mutates the adapters and adds the integration tests, on the real services the test helpers provide.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

export type MutationLevel = 'unit' | 'integration';

/** The folders of a package's src/ that each level mutates (those the package has). */
const MUTATED: Record<MutationLevel, readonly string[]> = {
  unit: ['domain', 'service-layer'],
  integration: ['domain', 'service-layer', 'adapters'],
};

export function mutatedFolders(packageDir: string, level: MutationLevel): string[] {
  return MUTATED[level].filter((folder) => existsSync(join(packageDir, 'src', folder)));
}

export function strykerConfig(
  packageDir: string,
  level: MutationLevel,
  reportDir: string,
): PartialStrykerOptions {
  const folders = mutatedFolders(packageDir, level);
  return {
    packageManager: 'pnpm',
    testRunner: 'jest',
    // the runner's ESM entry (require.resolve would name its CommonJS jest-environment mixin)
    plugins: [
      join(dirname(require.resolve('@stryker-mutator/jest-runner/package.json')), 'dist/src/index.js'),
    ],
    jest: {
      projectType: 'custom',
      // builds the jest config for the sandbox Stryker copies the package into (see the file)
      configFile: join(__dirname, 'jest.config.js'),
      enableFindRelatedTests: false,
    },
    // migrations are SQL in a string: mutating them tests PostgreSQL's parser, not ours
    mutate: folders
      .map((folder) => `src/${folder}/**/*.ts`)
      .concat(level === 'integration' ? ['!src/adapters/migrations/**'] : []),
    coverageAnalysis: 'perTest',
    // the machine is shared: one or two test processes, never one per core
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
    timeoutMS: 30_000,
    tempDirName: join(reportDir, '.stryker-tmp'),
    cleanTempDir: 'always',
    reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
    clearTextReporter: {
      allowColor: process.stdout.isTTY,
      logTests: false,
      reportMutants: true,
      reportScoreTable: true,
    },
    htmlReporter: { fileName: join(reportDir, 'mutation.html') },
    jsonReporter: { fileName: join(reportDir, 'mutation.json') },
    thresholds: { high: 95, low: 80, break: null },
  };
}
