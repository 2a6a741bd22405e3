#!/usr/bin/env node
// Entry for `npx scimwatch`: runs the Node build (`npm run build` makes out/node/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../out/node/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('scimwatch: the CLI is not built yet; run `npm run build` first.');
  process.exit(1);
}
await import(cli.href);
