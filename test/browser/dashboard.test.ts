import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CoreHost } from '../../electron/core/core-host';
import { startServer, type RunningServer } from '../../electron/server/server';
import { launchChromium } from '../helpers/browser';
import { startTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

describe('the served dashboard in Chromium', () => {
  const dir = makeTempDir();
  let core: CoreHost;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(`${rendererDir}index.html`)) throw new Error('Build the renderer first (npm run build).');
    ({ core } = await startTestCore(dir.path));
    server = await startServer({ core, staticDir: rendererDir });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await core?.close();
    dir.remove();
  });

  it('loads at most 300 KB of JavaScript at start, minified, with no validation schemas in it', () => {
    const html = readFileSync(`${rendererDir}index.html`, 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(initial.length).toBeGreaterThan(0);
    const bytes = initial.reduce((sum, file) => sum + statSync(`${rendererDir}${file}`).size, 0);
    console.log(`initial JavaScript: ${(bytes / 1024).toFixed(1)} KB in ${initial.length} file(s)`);
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
    // Validation stays in the hosts and the core: zod's error class is not shipped.
    for (const file of initial)
      expect(readFileSync(`${rendererDir}${file}`, 'utf8')).not.toContain('ZodError');
  });

  it('loads the page and shows app.status fetched through the real HTTP client', async () => {
    await page.goto(server.url);
    // The token in the URL was traded for a cookie and removed from the address bar.
    expect(new URL(page.url()).search).toBe('');
    await page.waitForSelector('[data-app-state="ready"]');
    expect(await page.textContent('[data-testid="status-profile"]')).toBe('demo · Demo');
    expect(await page.textContent('[data-testid="status-entra"]')).toBe('Entra: Not polled yet');
    expect(await page.textContent('[data-testid="health-entra"]')).toBe('Not polled yet');
    expect(await page.textContent('[data-testid="event-count"]')).toBe('0');
  });

  it('calls the API from the page with the cookie, not a token in script', async () => {
    // Evaluated as strings: they run in the page, and the Node-side tsconfig has no DOM types.
    const status = await page.evaluate(`fetch('/api/app.status', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
    }).then((response) => response.json())`);
    expect(status).toMatchObject({ ok: true, result: { profile: { name: 'demo' } } });
    // The token cookie is HttpOnly: page scripts cannot read it.
    expect(await page.evaluate('document.cookie')).toBe('');
  });

  it('follows pushed events: a profile switch elsewhere shows up live', async () => {
    await core.call('profiles.create', { name: 'staging' });
    await core.call('profiles.select', { name: 'staging' });
    await page.waitForSelector('[data-testid="status-profile"]:has-text("staging")');
    expect(await page.textContent('[data-testid="status-profile"]')).toBe('staging · Live');
    expect(await page.textContent('[aria-label="Missing settings"]')).toContain('SCIMWATCH_TENANT_ID');
  });

  it('switches profiles from the switcher', async () => {
    await page.selectOption('.profile-switcher select', 'demo');
    await page.waitForSelector('[data-testid="status-profile"]:has-text("demo")');
    expect(core.activeProfile).toBe('demo');
  });

  it('navigates by keyboard, and each upcoming page says what it will show', async () => {
    await page.focus('nav a[aria-current="page"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[aria-label="Drift"]');
    expect(page.url()).toMatch(/#\/drift$/);
    expect(await page.textContent('[aria-label="Drift"]')).toContain('arrives in a later version');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[aria-label="Settings"] table');
    const settings = await page.textContent('[aria-label="Settings"]');
    expect(settings).toContain('pulumiScimToken');
    // The SCIM token is shown once by Pulumi: Settings says so, and what to do if it is lost.
    expect(settings).toMatch(/never shows it again.*regenerate it in Pulumi and immediately paste/s);
  });

  it('switches between light and dark themes', async () => {
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    await page.selectOption('.theme-switcher select', 'dark');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    const dark = await background();
    await page.selectOption('.theme-switcher select', 'light');
    expect(await background()).not.toBe(dark);
  });

  it('runs under the strict CSP without errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
