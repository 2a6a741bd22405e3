// Builds better-sqlite3 for Electron's ABI into out/native/electron-<abi>/, leaving node_modules'
// Node build alone (tests and the CLI keep using it). Needs Electron's headers, so it runs only
// where Electron itself can run (`npm start` calls it when the addon is missing).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const abi = readFileSync(require.resolve('electron/abi_version'), 'utf8').trim();
const target = join('out', 'native', `electron-${abi}`, 'better_sqlite3.node');

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) is already built.`);
  process.exit(0);
}

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'scimwatch-native-'));
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', {
    paths: [process.env.npm_execpath ? dirname(process.env.npm_execpath) : process.cwd()],
  });
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (ABI ${abi})…`);
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Wrote ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
