// Lint config: typescript-eslint's recommended rules on all TypeScript, plus
// rules that catch real bugs in this codebase. Type-aware (the project
// service reads tsconfig.json) on the app, tests and benchmarks, so that a
// promise nobody awaits (a swallowed Neo4j error, a test that ends before its
// check) or a promise where a callback's result is ignored is an error.
// The layer rules are the other half of `npm run lint`: .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'client/dist/', 'launcher/', 'test-artifacts/', 'bench/data/', 'bench/render/dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['server/**/*.ts', 'client/src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // No god code where the layers were split (issue #12): files up to ~400 lines, functions up to ~80.
    files: ['server/kernel/**/*.ts', 'server/reads/**/*.ts', 'server/export/**/*.ts', 'server/formats/**/*.ts', 'server/import/*.ts', 'server/api/**/*.ts', 'server/neo4j/read.ts', 'server/neo4j/params.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
