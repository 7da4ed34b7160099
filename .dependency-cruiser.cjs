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
      name: 'kernel-is-only-records',
      severity: 'error',
      comment:
        'server/kernel/ holds the record schemas and types that a domain and the store both need (zod only): it imports nothing of ours.',
      from: { path: '^server/kernel/' },
      to: { path: '^(analysis|server/(?!kernel/))' },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment:
        'The store keeps documents; it does not know the domains that use it. It reaches their records through server/kernel/ only.',
      from: { path: '^server/store/' },
      to: { path: '^(analysis|server/(?!store/|kernel/|errors\\.ts|project-root\\.ts))' },
    },
    // Domains in layers, each using only those below it, so that no two folders depend on each other:
    // http < users < surveys < responses < coding < purge, stats < reports, distribution; app.ts, services.ts,
    // openapi.ts and cli/ on top.
    ...[
      ['http', 'users|surveys|responses|coding|purge|stats|reports|distribution|cli'],
      ['users', 'surveys|responses|coding|purge|stats|reports|distribution|cli'],
      ['surveys', 'users|responses|coding|purge|stats|reports|distribution|cli'],
      ['responses', 'coding|purge|stats|reports|distribution|cli'],
      ['coding', 'purge|stats|reports|distribution|cli'],
      ['purge', 'stats|reports|distribution|cli'],
      ['stats', 'purge|reports|distribution|cli'],
      ['reports', 'purge|distribution|cli'],
      ['distribution', 'purge|reports|cli'],
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
