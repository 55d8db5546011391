import { defineConfig } from 'vitest/config';

// Browser journeys in Debian's Chromium against the real server (tests/browser/global-setup.ts
// starts it once). One file at a time, one browser at a time: these machines have two cores.
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
