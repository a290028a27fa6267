// @ts-check
/** The jest configuration every chapter uses: `module.exports = require('shared/jest-preset')(__dirname)`. */
const { typeboxModuleNameMapper } = require('./jest-typebox');
const swc = (syntax, decorators = false) => [
  require.resolve('./jest-transform.js'),
  {
    jsc: {
      parser: { syntax, ...(decorators && { decorators: true }) },
      // TypeScript's experimentalDecorators and emitDecoratorMetadata, for a package that sets them (NestJS)
      ...(decorators && { transform: { legacyDecorator: true, decoratorMetadata: true } }),
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': swc('typescript'),
    '^.+\\.m?js$': swc('ecmascript'),
  },
  // pnpm keeps packages under node_modules/.pnpm; the ESM-only ones must be transformed for jest
  transformIgnorePatterns: ['/node_modules/(?!\\.pnpm|typebox/|cookie/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // not the system's temp directory: nothing here leaves files there
  cacheDirectory: `${__dirname}/../node_modules/.cache/jest`,
};

/**
 * @param {string} rootDir the chapter package
 * @param {{ services?: boolean, decorators?: boolean }} [options] services: false for chapters whose tests
 *   need no PostgreSQL (their tests/integration, if any, then run without it); decorators: true for a
 *   package whose tsconfig sets experimentalDecorators and emitDecoratorMetadata
 */
/** Real services on a busy two-core CI machine can take well over jest's 5 s default. */
const TEST_TIMEOUT = 30_000;

module.exports = function chapterJestConfig(rootDir, { services = true, decorators = false } = {}) {
  // the app's logs (errors included: tests provoke them on purpose) would drown the test output; workers
  // inherit this. `LOG_LEVEL=debug pnpm test` shows them.
  process.env.LOG_LEVEL ??= 'silent';
  const base = {
    ...(decorators
      ? { ...common, transform: { ...common.transform, '^.+\\.tsx?$': swc('typescript', true) } }
      : common),
    moduleNameMapper: typeboxModuleNameMapper(rootDir),
  };

  const unit = {
    ...base,
    rootDir,
    displayName: 'unit',
    testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
  };
  const withServices = {
    ...base,
    rootDir,
    displayName: 'integration+e2e',
    testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
    // one PostgreSQL server for the run, started only when a test of this project runs
    ...(services && {
      globalSetup: require.resolve('./src/jest/global-setup.ts'),
      globalTeardown: require.resolve('./src/jest/global-teardown.ts'),
    }),
  };
  // testTimeout is not a project option: it holds for the whole run
  const testTimeout = TEST_TIMEOUT;
  // Given a PostgreSQL (the root `pnpm test` starts one for every package), there is nothing to
  // start lazily: one project instead of two spares jest a second module map and runtime.
  if (process.env.DATABASE_URL) {
    const oneProject = {
      ...withServices,
      testMatch: [...unit.testMatch, ...withServices.testMatch],
      testTimeout,
    };
    delete oneProject.displayName; // one project needs no name
    return oneProject;
  }
  return { projects: [unit, withServices], testTimeout };
};

module.exports.TEST_TIMEOUT = TEST_TIMEOUT;
