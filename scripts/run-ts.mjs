// Runs a TypeScript script of ours with Node: bundles it with esbuild into a temporary file first
// (dependencies stay in node_modules), then imports it. Usage: node scripts/run-ts.mjs <file.ts> [args]
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args]');
  process.exit(1);
}
const dir = mkdtempSync(join(resolve('.'), 'out', '.run-ts-'));
const outfile = join(dir, 'script.mjs');
try {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  process.argv = [process.argv[0], entry, ...args];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
