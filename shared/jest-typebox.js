// @ts-check
/**
 * TypeBox in one CommonJS file, for jest. TypeBox 1 ships as some 700 ES modules, which jest has to
 * transform (once per jest project: one per package in the root `pnpm test`) and then resolve, compile
 * and run afresh for every test file that loads the app. Bundled once per machine with esbuild (the
 * same code, in one module), each test file loads one file instead; `moduleNameMapper` points `typebox`
 * and `typebox/<entry>` at it. Only jest sees the bundle: the apps themselves load TypeBox as published.
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const CACHE = join(__dirname, '../node_modules/.cache/typebox-cjs');

/** @type {Map<string, Record<string, string> | undefined>} */
const built = new Map();

/**
 * The moduleNameMapper entries for a package that depends on TypeBox (none for one that does not).
 * @param {string} rootDir the package
 * @returns {Record<string, string>}
 */
function typeboxModuleNameMapper(rootDir) {
  let entry;
  try {
    // the package's own TypeBox; else shared's, the same version, for an exercise whose chapter brings it
    entry = require.resolve('typebox', { paths: [rootDir, __dirname] }); // …/typebox/build/index.mjs
  } catch {
    return {};
  }
  const packageDir = dirname(dirname(entry));
  if (!built.has(packageDir)) built.set(packageDir, bundle(packageDir));
  return built.get(packageDir) ?? {};
}

/** @param {string} packageDir */
function bundle(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  /** @type {string[]} '.', './value', … */
  const entries = Object.keys(manifest.exports);
  const names = entries.map((entry) => (entry === '.' ? 'index' : entry.slice(2)));
  const key = createHash('sha1')
    .update(packageDir)
    .update(manifest.version)
    .update(readFileSync(__filename))
    .digest('hex');
  const dir = join(CACHE, `${manifest.version}-${key.slice(0, 12)}`);
  if (!existsSync(join(dir, 'done'))) {
    // built beside, then moved into place: jest projects of other runs may be building it at the same time
    const partial = `${dir}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    require('esbuild').buildSync({
      stdin: {
        contents: entries.map((entry, i) => `export * as e${i} from 'typebox${entry.slice(1)}';`).join('\n'),
        resolveDir: dirname(packageDir), // the node_modules that holds typebox
        sourcefile: 'typebox-entries.mjs',
      },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      outfile: join(partial, 'typebox.cjs'),
      logLevel: 'error',
    });
    names.forEach((name, i) =>
      writeFileSync(join(partial, `${name}.cjs`), `module.exports = require('./typebox.cjs').e${i};\n`),
    );
    writeFileSync(join(partial, 'done'), '');
    try {
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process got there first
    }
  }
  return Object.fromEntries(
    names.map((name, i) => [`^typebox${entries[i] === '.' ? '' : `/${name}`}$`, join(dir, `${name}.cjs`)]),
  );
}

module.exports = { typeboxModuleNameMapper };
