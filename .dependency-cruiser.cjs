// The layering check every chapter runs in `lint`: `depcruise src tests --config ../../.dependency-cruiser.cjs`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports only src/domain: no adapters, ORM, web framework, npm package or Node I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'adapters-below-service-layer',
      comment: 'Adapters are driven by the service layer and the entrypoints, never the other way round.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(service-layer|entrypoints)/' },
    },
    {
      name: 'service-layer-below-entrypoints',
      comment: 'The service layer does not know who calls it (HTTP, Redis, tests).',
      severity: 'error',
      from: { path: '^src/service-layer/' },
      to: { path: '^src/entrypoints/' },
    },
    {
      name: 'app-does-not-use-test-support',
      comment: 'The shared package is test support only; application code never imports it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '(^|/)shared/' },
    },
    {
      name: 'no-other-chapter',
      comment: 'No chapter imports another chapter: each package is a complete copy of its chapter.',
      severity: 'error',
      from: {},
      to: { path: '(^|/)packages/ch[0-9]+' },
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
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
