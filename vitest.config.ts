import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing running; `integration` shares one real FerretDB
// (started once by the global setup) and gives each test file its own database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/{api,live,e2e}/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: run files one after another so timing-sensitive live tests stay honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
