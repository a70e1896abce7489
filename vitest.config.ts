import { defineConfig } from 'vitest/config';

const HEAVY_SQL = [
  'tests/sql/fast-import-diff.test.ts',
  'tests/sql/fast-import.test.ts',
  'tests/sql/import-limits.test.ts',
  'tests/sql/share-imports.test.ts',
];

// Unit and SQL tests run in Node; browser tests drive headless Chromium against the built site.
export default defineConfig({
  test: {
    projects: [
      // Waits sized for a loaded machine (npm run test:load): beside two busy processes, format.test.ts's check of
      // Intl's dates ran past vitest's default limit.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30000 } },
      // Waits sized for a loaded machine: the slowest SQL tests (fast-import, tricky values) ran past the former limit
      // there, a quarter of this one; hooks that open DuckDB and load data for a whole file (overview-precomputed) ran
      // past the former hook limit at a load average of 20 to 30 on 2 cores.
      { test: { name: 'sql', include: ['tests/sql/**/*.test.ts'], exclude: HEAVY_SQL, environment: 'node', testTimeout: 120000, hookTimeout: 300000 } },
      // The same, for the files that read multi-megabyte generated files or sweep every mutation of a case: the full
      // tier runs them, the quick tier (unit and sql only) leaves them out to stay a check one runs while working.
      { test: { name: 'sql-heavy', include: HEAVY_SQL, environment: 'node', testTimeout: 120000, hookTimeout: 300000 } },
      {
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node',
          // Sized for a loaded machine: the slowest tests (several page loads and imports each) ran past three quarters of
          // the former limit (under half of this one) with the machine's load at 11; their own waits time out well before.
          testTimeout: 240000, hookTimeout: 240000, fileParallelism: false,
          // A page waits on DuckDB's start-up, which takes several seconds on a loaded machine: a poll's default
          // second is too short there.
          expect: { poll: { timeout: 30000, interval: 100 } },
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
