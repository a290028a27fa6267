// @ts-check
/**
 * Every package's tests in one jest run: what the root `pnpm test` runs (`pnpm --filter <package> test`
 * runs one package's). One run shares its workers, and their loaded modules, across packages, where a
 * jest per package would start its own; it costs a third less CPU than that.
 */
const { existsSync, readdirSync } = require('node:fs');
const { availableParallelism } = require('node:os');

// (a sparse checkout holds some packages only: pnpm still leaves a node_modules folder for the others)
const packages = [
  'shared',
  'guide',
  ...readdirSync(`${__dirname}/packages`).map((name) => `packages/${name}`),
  ...readdirSync(`${__dirname}/exercises`).map((name) => `exercises/${name}`), // each proven both ways
].filter((dir) => existsSync(`${__dirname}/${dir}/jest.config.js`));

module.exports = {
  // a package's config is one project, or two (unit apart) when it has to start PostgreSQL itself
  projects: packages.flatMap((dir) => {
    const config = require(`./${dir}/jest.config.js`);
    return config.projects ?? [config];
  }),
  testTimeout: require('./shared/jest-preset').TEST_TIMEOUT, // not a project option: the run's
  // the tests spend much of their time waiting for PostgreSQL, Redis and the processes they start
  maxWorkers: Math.ceil(availableParallelism() * 1.5),
};
