import { defineConfig } from 'vitest/config';

// `npm run test:electron`: the real desktop app through Playwright's _electron. Needs a machine that
// can run Electron (its binary downloaded, a display or xvfb-run); not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
