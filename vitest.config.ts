import { defineConfig } from 'vitest/config';

// Unit and SQL tests run in Node; browser tests drive headless Chromium against the built site.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'sql', include: ['tests/sql/**/*.test.ts'], environment: 'node', testTimeout: 30000, hookTimeout: 60000 } },
      {
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node',
          testTimeout: 90000, hookTimeout: 120000, fileParallelism: false,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
