import { defineConfig } from 'vitest/config';

// Three projects: unit (no I/O beyond files), integration (one real Neo4j for
// the whole run, started by tests/helpers/global-setup.ts, files run one at a
// time because they share that database), browser (real Chromium against the
// real server and Neo4j).
export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          fileParallelism: false,
          // A bound, not a timing: on 2 shared cores, with the browser project running beside it, a chunked
          // re-import with its dense-index refresh took over 60 s once (9 s alone).
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
