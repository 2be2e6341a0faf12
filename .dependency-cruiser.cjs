/** `npm run deps:check`: the import graph has no cycles, neither between modules nor between domain features. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties features together: move the shared part into the feature that owns it or into libs/platform.',
      // TypeORM relations are declared on both sides (Challenge.themes / Theme.challenge): entities may name each other.
      from: { pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'platform-below-domain',
      severity: 'error',
      comment: 'libs/platform is the base layer: it knows nothing of the domain or the apps.',
      // The one exception: the registry of tables the data source loads (entities.ts) lists the domain's entities.
      from: { path: '^libs/platform/', pathNot: '^libs/platform/src/database/entities\\.ts$' },
      to: { path: '^(libs/domain|apps)/' },
    },
    {
      name: 'access-grounds-are-a-leaf',
      severity: 'error',
      comment: 'The access grounds (SQL over tables) import no feature, so every feature can compose them without a back-reference.',
      from: { path: '^libs/domain/src/access/' },
      to: { path: '^libs/domain/src/(?!access/)' },
    },
    {
      name: 'domain-below-apps',
      severity: 'error',
      comment: 'The domain knows nothing of the API, the worker or the web client.',
      from: { path: '^libs/domain/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // package.json#imports (#domain/*, #platform/*): the `types` condition names the TypeScript sources, not dist/.
    enhancedResolveOptions: { conditionNames: ['types', 'import'] },
    exclude: { path: '(^|/)(dist|node_modules)/' },
  },
};
