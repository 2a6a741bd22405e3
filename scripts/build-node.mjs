// Builds the plain-Node half of ScimWatch (CLI, server, core workers) into out/node/, so that
// `npx scimwatch` runs on Node >= 20 without Electron. Dependencies stay external (node_modules),
// except the ones bundled below.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

import { build } from 'esbuild';

// zod is bundled: loaded from node_modules it is 95 files and every locale, 70 ms of each command's
// start (measured on `status` and `findings`); bundled, esbuild keeps only the parts the contract uses.
const bundled = new Set(['zod']);
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => !bundled.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const result = await build({
  entryPoints: {
    cli: 'electron/cli/main.ts',
    'core-worker': 'electron/core/workers/core-worker.ts',
    'store-thread-worker': 'electron/core/workers/store-thread-worker.ts',
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
  external,
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});

// Chunk names change with their contents: chunks this build did not write are stale, and go. Files are
// overwritten in place, never removed first, so a CLI started meanwhile (a test's, a user's) still
// finds every chunk it loads; the same sources give the same names, so rebuilding them removes nothing.
const written = new Set(Object.keys(result.metafile.outputs).map((path) => relative('out/node', path)));
if (existsSync('out/node'))
  for (const name of readdirSync('out/node'))
    if (/^chunk-.*\.js(\.map)?$/.test(name) && !written.has(name)) rmSync(join('out/node', name));
