import { defineConfig } from 'vitest/config';

// The dashboard in Debian's Chromium, driven by playwright-core against the browser-served host.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/served-app.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
