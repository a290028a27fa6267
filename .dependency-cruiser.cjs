// The layering check. It runs from a package (`pnpm --filter <package> layers`: paths like src/domain/…)
// and from the root for every package at once (`pnpm test`: packages/<package>/src/domain/…), so each
// path starts with an optional package prefix, and `$1` is the importing file's own package.
const fs = require('node:fs');

const pkg = '^(packages/[^/]+/|)';
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports only src/domain: no adapters, ORM, web framework, npm package or Node I/O.',
      severity: 'error',
      from: { path: `${pkg}src/domain/` },
      to: { pathNot: '^$1src/domain/' },
    },
    {
      name: 'adapters-below-service-layer',
      comment: 'Adapters are driven by the service layer and the entrypoints, never the other way round.',
      severity: 'error',
      from: { path: `${pkg}src/adapters/` },
      to: { path: '^$1src/(service-layer|entrypoints)/' },
    },
    {
      name: 'service-layer-below-entrypoints',
      comment: 'The service layer does not know who calls it (HTTP, Redis, tests).',
      severity: 'error',
      from: { path: `${pkg}src/service-layer/` },
      to: { path: '^$1src/entrypoints/' },
    },
    {
      name: 'app-does-not-use-test-support',
      comment: 'The shared package is test support only; application code never imports it.',
      severity: 'error',
      from: { path: `${pkg}src/` },
      to: { path: '(^|/)shared/' },
    },
    {
      name: 'no-other-chapter',
      comment: 'No chapter imports another chapter: each package is a complete copy of its chapter.',
      severity: 'error',
      // from the root: a path in packages/ that is not the importer's own; from a package: ../<sibling>/
      from: { path: `${pkg}(src|tests)/` },
      to: { path: '^(packages/|\\.\\./[^.])', pathNot: '^$1(src|tests)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // a package's own tsconfig.json; the root has none (tsconfig.base.json holds the shared options)
    tsConfig: fs.existsSync('tsconfig.json') ? { fileName: 'tsconfig.json' } : undefined,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
