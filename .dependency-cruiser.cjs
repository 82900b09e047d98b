/**
 * The layer rules of claimgraph (DESIGN.md "Layers": data -> import ->
 * Neo4j -> reads/export -> API -> client), checked by `npm run lint`, so a
 * violation fails CI. tests/unit/layers.test.ts proves each rule fires on a
 * throw-away violating file.
 *
 * Why dependency-cruiser rather than eslint-plugin-boundaries: one tool
 * holds every rule here, circular imports included (boundaries has no cycle
 * check; eslint-plugin-import-x's no-cycle re-resolves the whole graph per
 * file and is slow), it tells a type-only import from a value import
 * (`dependencyTypes: ['type-only']`, which the client rule needs), and it
 * reads plain path patterns instead of a second element vocabulary. It runs
 * on its own next to eslint (a few seconds).
 *
 * Paths are relative to the repository root. Version 17 (18 needs Node 22).
 */
/** Every layer of server/ that is not the HTTP or command-line front. */
const DOMAIN = '^server/(kernel|model|neo4j|formats|import|reads|export|generate)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No module may import itself through others: a cycle makes the layers meaningless. A cycle closed only by ' +
        '`import type` edges is erased at compile time and not counted (client/src/console/view.ts names the type of ' +
        'the handle index.ts lazily loads it into).',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'kernel-imports-only-model',
      comment: 'server/kernel (deps, errors, contract, log) is what every layer shares: it imports only server/model and the validated config.',
      severity: 'error',
      from: { path: '^server/kernel/' },
      to: { path: '^(server|client)/', pathNot: '^server/(kernel|model)/|^server/config[.]ts$' },
    },
    {
      name: 'model-imports-nothing-of-ours',
      comment: 'server/model (kinds, statuses, vocabulary, dataset schemas) is the bottom layer.',
      severity: 'error',
      from: { path: '^server/model/' },
      to: { path: '^(server|client|bench|tests|scripts|bin)/', pathNot: '^server/model/' },
    },
    {
      name: 'neo4j-imports-kernel-and-model',
      comment: 'server/neo4j (connection, the read path, values, the launcher) sits on the kernel and the model only.',
      severity: 'error',
      from: { path: '^server/neo4j/' },
      to: { path: '^(server|client)/', pathNot: '^server/(neo4j|kernel|model)/|^server/config[.]ts$' },
    },
    {
      name: 'import-not-upward',
      comment:
        'The importer writes the database; it never imports the reads, the exports, the API or the CLI.',
      severity: 'error',
      from: { path: '^server/import/' },
      to: { path: '^server/(reads|export|api|cli)/' },
    },
    {
      name: 'reads-and-export-not-upward',
      comment: 'Reads and exports never import the API, the CLI or the importer.',
      severity: 'error',
      from: { path: '^server/(reads|export)/' },
      to: { path: '^server/(api|cli|import)/' },
    },
    {
      name: 'formats-not-upward',
      comment:
        'Formats (both directions of each: server/formats/<id>/) sit below the importer and the exports, which use them through the registry: ' +
        'they import the kernel, the model and Neo4j values only, never the API, the CLI, the importer, the exports or the reads.',
      severity: 'error',
      from: { path: '^server/formats/' },
      to: { path: '^server/(api|cli|import|export|reads)/' },
    },
    {
      name: 'only-the-fronts-import-the-api',
      comment: 'Nothing but server/api, server/cli and server/start.ts imports server/api.',
      severity: 'error',
      from: { path: '^(server|client)/', pathNot: '^server/(api|cli)/|^server/start[.]ts$' },
      to: { path: '^server/api/' },
    },
    {
      name: 'only-the-fronts-import-express',
      comment: 'Nothing but server/api, server/cli and server/start.ts imports express or its middleware.',
      severity: 'error',
      from: { path: '^(server|client)/', pathNot: '^server/(api|cli)/|^server/start[.]ts$' },
      to: { path: 'node_modules/(express|express-rate-limit|helmet|@types/express|@types/express-serve-static-core)/' },
    },
    {
      name: 'domain-not-to-cli',
      comment: 'The domain layers never import the CLI.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^server/cli/' },
    },
    {
      name: 'client-imports-only-the-contract',
      comment: 'client/ reaches server/ only for the API contract (server/kernel/contract.ts and its topic files, *-contract.ts) and the model types it names.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/', pathNot: '^server/kernel/(investigations-|sources-|metrics-)?contract[.]ts$|^server/model/' },
    },
    {
      name: 'client-imports-server-as-types-only',
      comment: 'client/ imports server/ only with `import type`: no server code is bundled into the client.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|test-artifacts)/|^launcher/|^bench/(data|render/dist)/' },
    // Type-only imports (`import type`) count, and are marked as such (the client rule needs them).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
