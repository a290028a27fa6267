// @ts-check
/**
 * Jest resolver of an exercise's proof: a relative import that an exercise file (its tests, or the
 * starting point itself) makes of something under the exercise's src/ resolves to the same path under
 * the solution instead. Imports made from anywhere else (a chapter's own files) are left alone.
 */
const { relative, resolve, sep } = require('node:path');
const { solutionDir } = require('../exercise-preset');

/** @type {Map<string, string>} */
const solutions = new Map();

/**
 * @param {string} request
 * @param {{ basedir: string, rootDir: string, defaultResolver: (request: string, options: object) => string }} options
 */
module.exports = function resolveToSolution(request, options) {
  const { basedir, rootDir, defaultResolver } = options;
  if (request.startsWith('.') && !relative(rootDir, basedir).startsWith('..')) {
    const inSrc = relative(resolve(rootDir, 'src'), resolve(basedir, request));
    if (!inSrc.startsWith('..') && !inSrc.includes(`${sep}node_modules${sep}`)) {
      if (!solutions.has(rootDir)) solutions.set(rootDir, solutionDir(rootDir));
      return defaultResolver(resolve(/** @type {string} */ (solutions.get(rootDir)), inSrc), options);
    }
  }
  return defaultResolver(request, options);
};
