// Builds the plain-Node half of ScimWatch (CLI, server, core workers) into out/node/, so that
// `npx scimwatch` runs on Node >= 20 without Electron. Dependencies stay external (node_modules).
import { rmSync } from 'node:fs';

import { build } from 'esbuild';

// Chunk names change with their contents: start empty, so no stale chunk is left beside the new ones.
rmSync('out/node', { recursive: true, force: true });

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
  // Shared code goes into chunks, and dynamic imports stay lazy: a command loads only what it uses
  // (`--version` loads no core; the reader and read-only commands load no collector, MSAL or Graph).
  splitting: true,
  chunkNames: 'chunk-[hash]',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
