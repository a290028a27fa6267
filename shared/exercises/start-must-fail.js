// @ts-check
/**
 * Jest test runner of an exercise's proof that its starting point really is an exercise: jest-circus
 * runs the tests against the untouched src/, and the result is turned over. A test that fails there
 * passes here, and one that passes there fails here (the exercise would be done before it starts).
 * A file that cannot even load fails here too: a starting point has to run and say what to do.
 */
const circus = require('jest-circus/runner').default;

/** @param {Parameters<typeof circus>} args */
module.exports = async function startMustFail(...args) {
  const result = await circus(...args);
  if (result.testExecError) return result;
  let failing = 0;
  for (const test of result.testResults) {
    if (test.status === 'failed') {
      test.status = 'passed';
      test.failureMessages = [];
      test.failureDetails = [];
    } else if (test.status === 'passed') {
      test.status = 'failed';
      test.failureMessages = [
        `"${test.fullName}" passes on the exercise's starting point: it should fail there until the reader does the work`,
      ];
      failing += 1;
    }
  }
  result.numPassingTests = result.testResults.filter((test) => test.status === 'passed').length;
  result.numFailingTests = failing;
  result.failureMessage =
    failing > 0 ? result.testResults.flatMap((test) => test.failureMessages).join('\n') : null;
  return result;
};
