// @ts-check
/**
 * @swc/jest, with a cache key that leaves out the jest project's configuration. The swc options are
 * the same in every chapter, so one transform of a file (the ESM-only packages typebox and cookie
 * above all) now serves every chapter's tests instead of being redone once per package.
 */
const { createHash } = require('node:crypto');
const swcJest = require('@swc/jest');

/** @param {Record<string, unknown>} swcOptions */
function createTransformer(swcOptions) {
  const transformer = swcJest.createTransformer(/** @type {never} */ (swcOptions));
  const optionsKey = JSON.stringify(swcOptions);
  return {
    ...transformer,
    /**
     * @param {string} sourceText
     * @param {string} sourcePath
     * @param {{ instrument?: boolean, supportsStaticESM?: boolean }} options
     */
    getCacheKey(sourceText, sourcePath, options) {
      return createHash('sha1')
        .update(optionsKey)
        .update('\0')
        .update(sourcePath)
        .update('\0')
        .update(sourceText)
        .update('\0')
        .update(JSON.stringify({ instrument: options.instrument, esm: options.supportsStaticESM }))
        .digest('hex');
    },
  };
}

module.exports = { createTransformer };
