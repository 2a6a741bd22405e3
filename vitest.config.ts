import { defineConfig } from 'vitest/config';

// Unit and integration tests in plain Node. Browser tests have their own config (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most integration files wait on child processes, emulators and paced requests rather than the
    // CPU: two files at a time halve the wall time on a 2-core machine (the default would be one).
    maxWorkers: 2,
  },
});
