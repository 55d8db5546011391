import { defineConfig } from 'vitest/config';

// Integration suites run once per engine: always on PGlite, and on PostgreSQL when a server is configured.
const postgres = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'pglite', include: ['server/**/*.test.ts', 'tests/**/*.test.ts'], exclude: ['tests/browser/**'], env: { GZ_TEST_DB: 'pglite' } },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: { name: 'postgres', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], env: { GZ_TEST_DB: 'postgres' } },
            },
          ]
        : []),
    ],
  },
});
