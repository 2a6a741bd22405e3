import { defineConfig } from 'vitest/config';

// Tests that assert time limits (reads within 200 ms, 300 cycles within a minute) run alone, one file
// at a time, so the rest of the suite running in parallel cannot make them flaky.
export default defineConfig({
  test: {
    include: ['test/timing/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
