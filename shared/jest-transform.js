// @ts-check
/**
 * @swc/jest, with one cache of its output for every jest project of a run. Jest keeps a transform
 * cache per project, so in the root `pnpm test` (one project per package) each package would compile
 * the same files again, the ESM-only packages typebox and cookie above all (some 1,400 files each
 * time). The swc options are the same in every package, so the key leaves the project out, and a file
 * is compiled once per machine.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const swcJest = require('@swc/jest');

/** @typedef {{ code: string, map?: unknown }} Transformed */

/** @param {Record<string, unknown>} swcOptions */
function createTransformer(swcOptions) {
  const transformer = swcJest.createTransformer(/** @type {never} */ (swcOptions));
  const optionsKey = JSON.stringify(swcOptions);

  /**
   * @param {string} sourceText
   * @param {string} sourcePath
   * @param {{ instrument?: boolean, supportsStaticESM?: boolean }} options
   */
  const getCacheKey = (sourceText, sourcePath, options) =>
    createHash('sha1')
      .update(optionsKey)
      .update('\0')
      .update(sourcePath)
      .update('\0')
      .update(sourceText)
      .update('\0')
      .update(JSON.stringify({ instrument: options.instrument, esm: options.supportsStaticESM }))
      .digest('hex');

  return {
    ...transformer,
    getCacheKey,
    /**
     * @param {string} sourceText
     * @param {string} sourcePath
     * @param {{ instrument?: boolean, supportsStaticESM?: boolean, config: { cacheDirectory: string } }} options
     * @returns {Transformed}
     */
    process(sourceText, sourcePath, options) {
      const key = getCacheKey(sourceText, sourcePath, options);
      const file = join(options.config.cacheDirectory, 'swc-for-every-project', key.slice(0, 2), key);
      try {
        return /** @type {Transformed} */ (JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        // not compiled yet
      }
      const result = /** @type {Transformed} */ (
        transformer.process(sourceText, sourcePath, /** @type {never} */ (options))
      );
      mkdirSync(dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}`; // workers may write the same file at once
      writeFileSync(partial, JSON.stringify(result));
      renameSync(partial, file);
      return result;
    },
  };
}

module.exports = { createTransformer };
