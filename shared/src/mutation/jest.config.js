// @ts-check
/**
 * The jest configuration Stryker's jest runner reads (`pnpm mutation`), in the sandbox it copied the
 * package into: the process runs there, so the tests import the mutated copy of src/. MUTATION_LEVEL
 * picks the tests: the unit tests, or those and the integration tests (which run under with-postgres:
 * DATABASE_URL names the PostgreSQL; the test helpers start Redis and SMTP themselves).
 */
const { join } = require('node:path');
const chapterJestConfig = require('../../jest-preset');

// the package's own jest.config.js, as copied into the sandbox: it calls the preset with the package's
// options (appendix-nestjs's decorators: without them swc cannot parse its TypeScript)
const config = require(join(process.cwd(), 'jest.config.js'));
const project = config.projects ? config.projects[0] : config;
const folders = process.env.MUTATION_LEVEL === 'integration' ? ['unit', 'integration'] : ['unit'];
if (folders.includes('integration') && config.projects) {
  throw new Error('the integration level needs DATABASE_URL (pnpm mutation --integration sets it)');
}

module.exports = {
  ...project,
  displayName: undefined,
  // e2e tests go through the API and its processes, not the layers mutated here
  testMatch: folders.map((folder) => `<rootDir>/tests/${folder}/**/*.test.ts`),
  testTimeout: chapterJestConfig.TEST_TIMEOUT,
  // by path: Stryker's runner wraps the environment and, under pnpm, cannot resolve it by name
  testEnvironment: require.resolve('jest-environment-node'),
};
