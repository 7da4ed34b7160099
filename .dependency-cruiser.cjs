/** Which way the code depends: checked by `npm test` (see README, Layout). */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cannot depend on itself through others: circles make the code hard to change piece by piece.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'analysis-is-pure',
      severity: 'error',
      comment: 'analysis/ is pure functions over plain data: it knows nothing of the server.',
      from: { path: '^analysis/' },
      to: { path: '^server/' },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment: 'The store keeps documents; it does not know the domains that use it.',
      from: { path: '^server/store/' },
      to: { path: '^(analysis|server/(?!store/|errors\\.ts|project-root\\.ts))' },
    },
    // Domains in layers, each using only those below it, so that no two folders depend on each other:
    // http < users < surveys < responses < coding < stats < reports, distribution; app.ts, openapi.ts and cli/ on top.
    ...[
      ['http', 'users|surveys|responses|coding|stats|reports|distribution|cli'],
      ['users', 'surveys|responses|coding|stats|reports|distribution|cli'],
      ['surveys', 'users|responses|coding|stats|reports|distribution|cli'],
      ['responses', 'stats|reports|distribution|cli'],
      ['coding', 'responses|stats|reports|distribution|cli'],
      ['stats', 'coding|reports|distribution|cli'],
      ['reports', 'distribution|cli'],
      ['distribution', 'reports|cli'],
    ].map(([folder, above]) => ({
      name: `${folder}-uses-only-lower-layers`,
      severity: 'error',
      comment: `server/${folder}/ does not depend on a layer above it (${above})`,
      from: { path: `^server/${folder}/` },
      to: { path: `^server/(${above})/` },
    })),
    {
      name: 'domains-do-not-reach-into-adapters',
      severity: 'error',
      comment: 'Domains use the store through its interface (repository.ts, open-store.ts), never an adapter directly.',
      from: { path: '^server/(?!store/)' },
      to: { path: '^server/store/(sqlite|mongo)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
