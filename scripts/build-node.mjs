// Builds the plain-Node half of ScimWatch (CLI, server, core workers) into out/node/, so that
// `npx scimwatch` runs on Node >= 20 without Electron. Dependencies stay external (node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: {
    cli: 'electron/cli/main.ts',
    'core-worker': 'electron/core/workers/core-worker.ts',
    'emulator-worker': 'electron/emulators/emulator-worker.ts',
  },
  outdir: 'out/node',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
