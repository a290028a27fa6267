// @ts-check
/**
 * Jest resolver of an exercise's proof: a relative import that an exercise file (its tests, or the
 * starting point itself) makes of something under the exercise's src/ resolves to the same path under
 * the solution instead (the starting point's own file where the solution has none), and one of a file named in the exercise's `replace` to its replacement. Imports
 * made from anywhere else (a chapter's own files) are left alone.
 */
const { relative, resolve } = require('node:path');

/** @type {Map<string, { solution: string, replace: Record<string, string> }>} */
const exercises = new Map();

/** @param {string} rootDir */
function exerciseAt(rootDir) {
  let found = exercises.get(rootDir);
  if (found === undefined) {
    const { exercise } = require(`${rootDir}/package.json`);
    const replace = Object.fromEntries(
      Object.entries(exercise.replace ?? {}).map(([file, by]) => [
        resolve(rootDir, file),
        resolve(rootDir, by),
      ]),
    );
    found = { solution: resolve(rootDir, exercise.solution), replace };
    exercises.set(rootDir, found);
  }
  return found;
}

const inside = (/** @type {string} */ dir, /** @type {string} */ path) =>
  !relative(dir, path).startsWith('..');

/**
 * @param {string} request
 * @param {{ basedir: string, rootDir: string, defaultResolver: (request: string, options: object) => string }} options
 */
module.exports = function resolveToSolution(request, options) {
  const { basedir, rootDir, defaultResolver } = options;
  if (request.startsWith('.') && inside(rootDir, basedir) && !basedir.includes('node_modules')) {
    const { solution, replace } = exerciseAt(rootDir);
    const target = resolve(basedir, request);
    const replacement = replace[target] ?? replace[`${target}.ts`];
    if (replacement !== undefined) return replacement;
    const src = resolve(rootDir, 'src');
    if (inside(src, target)) {
      // the solution takes the place of src/; a file it has no copy of is the starting point's, unchanged
      try {
        return defaultResolver(resolve(solution, relative(src, target)), options);
      } catch {
        return defaultResolver(target, options);
      }
    }
  }
  return defaultResolver(request, options);
};
