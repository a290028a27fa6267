// @ts-check
/**
 * The jest configuration of every exercise under exercises/: `module.exports = require('shared/exercise-preset')(__dirname)`.
 * Its package.json's `exercise` field says where the solution is and which tests prove what.
 *
 * - `pnpm exercise <chapter>` sets EXERCISE=start: the exercise's tests run against its src/, the reader's work.
 * - Otherwise (the root `pnpm test`, the package's own `test`, CI) it proves the exercise in both directions:
 *   the tests pass against the solution (the exercise's imports of src/ resolved there instead, never a
 *   copy), and the `startFails` tests, run in-process against the untouched src/, fail every one.
 */
const chapterJestConfig = require('./jest-preset');

/**
 * @typedef {object} Exercise
 * @property {string} solution the folder that takes src/'s place in the proof: a chapter's src or the exercise's solution/
 * @property {string[]} startFails globs of the tests that the starting point must fail (unit tests where it has them: cheap)
 * @property {string[]} [solutionPasses] globs of the tests the solution must pass (default: all of them)
 * @property {Record<string, string>} [replace] test files the reader writes, each with its solution (paths from the exercise)
 * @property {boolean} [services] false when no test needs PostgreSQL
 */

/** @param {string} rootDir */
module.exports = function exerciseJestConfig(rootDir) {
  /** @type {{ name: string, exercise: Exercise }} */
  const { name, exercise } = require(`${rootDir}/package.json`);
  const reader = chapterJestConfig(rootDir, { services: exercise.services ?? true });
  if (process.env.EXERCISE === 'start') return reader;

  const projects = reader.projects ?? [reader];
  const solutionPasses = projects.map((project) => ({
    ...project,
    displayName: `${name}: solution passes${project.displayName ? ` (${project.displayName})` : ''}`,
    ...(exercise.solutionPasses && {
      testMatch: exercise.solutionPasses
        .map((glob) => `<rootDir>/${glob}`)
        .filter((wanted) => project.testMatch.some((glob) => wanted.startsWith(glob.split('*')[0]))),
    }),
    resolver: require.resolve('./exercises/solution-resolver.js'),
  }));
  // unit tests need no PostgreSQL; an exercise with none (a repository's) proves its start on the real one
  const onlyUnit = exercise.startFails.every((glob) => glob.startsWith('tests/unit/'));
  const startFails = {
    ...(onlyUnit ? projects[0] : /** @type {typeof projects[0]} */ (projects.at(-1))),
    displayName: `${name}: start fails`,
    testMatch: exercise.startFails.map((glob) => `<rootDir>/${glob}`),
    testRunner: require.resolve('./exercises/start-must-fail.js'),
  };
  if (onlyUnit) {
    delete startFails.globalSetup;
    delete startFails.globalTeardown;
  }
  return { projects: [...solutionPasses.filter((p) => p.testMatch.length > 0), startFails] };
};
