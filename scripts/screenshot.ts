/**
 * Renders the served dashboard (demo profile, fresh data folder) in Chromium and saves
 * docs/screenshot.png for the README. Run: node scripts/run-ts.mjs scripts/screenshot.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CoreHost } from '../electron/core/core-host';
import { startServer } from '../electron/server/server';
import { launchChromium } from '../test/helpers/browser';

const dataDir = mkdtempSync(join(tmpdir(), 'scimwatch-screenshot-'));
const core = await CoreHost.start({
  hostKind: 'server',
  env: { SCIMWATCH_DATA_DIR: dataDir },
  workerEntry: new URL('../out/node/core-worker.js', `file://${process.cwd()}/scripts/`),
  logWrite: () => undefined,
});
const server = await startServer({
  core,
  staticDir: fileURLToPath(new URL('../out/renderer/', `file://${process.cwd()}/scripts/`)),
});
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.goto(server.url);
  await page.waitForSelector('[data-app-state="ready"]');
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
