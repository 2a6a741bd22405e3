/**
 * Smoke test of the real desktop app (`npm run test:electron`): launch, ready marker, one IPC round
 * trip, and the window's security settings as Electron reports them. Runs only where Electron can.
 */
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempDir } from '../helpers/temp-dir';

describe('the desktop app', () => {
  const dir = makeTempDir();
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    app = await electron.launch({ args: ['.'], env: { ...process.env, SCIMWATCH_DATA_DIR: dir.path } });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    dir.remove();
  });

  it('starts and shows the first status', async () => {
    await page.waitForSelector('[data-app-state="ready"]');
    expect(await page.textContent('[data-testid="status-profile"]')).toContain('demo');
  });

  it('answers a call through the preload bridge', async () => {
    const status = await page.evaluate<{ profile: { name: string } }>('window.scimwatch.app.status()');
    expect(status.profile.name).toBe('demo');
  });

  it('runs the window isolated, sandboxed and on the app origin', async () => {
    // With contextIsolation and sandbox, page scripts see no Node and no Electron internals.
    expect(await page.evaluate('typeof window.require')).toBe('undefined');
    expect(await page.evaluate('typeof window.process')).toBe('undefined');
    expect(await page.evaluate('typeof window.scimwatch.on')).toBe('function');
    expect(page.url()).toMatch(/^app:\/\/scimwatch\//);
    const urls = await app.evaluate(({ webContents }) =>
      webContents.getAllWebContents().map((c) => c.getURL()),
    );
    expect(urls.every((url) => url.startsWith('app://scimwatch/'))).toBe(true);
  });
});
