import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openServedPage, type ServedPage } from '../helpers/served-page';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

describe('the served dashboard in Chromium: its frame', () => {
  let served: ServedPage;
  beforeAll(async () => {
    served = await openServedPage();
  });
  afterAll(() => served?.close());

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
    // The charts come with the page that draws them, not with the app's start.
    for (const file of initial)
      expect(readFileSync(`${rendererDir}${file}`, 'utf8')).not.toContain('recharts-bar');
  });

  it('loads the page and shows app.status fetched through the real HTTP client', async () => {
    const { page } = served;
    await page.goto(served.app.url);
    // The token in the URL was traded for a cookie and removed from the address bar.
    expect(new URL(page.url()).search).toBe('');
    await page.waitForSelector('[data-app-state="ready"]');
    expect(await page.textContent('[data-testid="status-profile"]')).toBe('demo · Demo');
    expect(await page.textContent('[data-testid="status-entra"]')).toBe('Entra: Healthy');
    const stored = served.db().prepare('SELECT count(*) FROM provisioning_events').pluck().get() as number;
    expect(stored).toBeGreaterThan(0);
    await page.waitForSelector(`[data-testid="event-count"]:text-is("${stored.toLocaleString('en-US')}")`);
  });

  it('calls the API from the page with the cookie, not a token in script', async () => {
    const { page } = served;
    // Evaluated as strings: they run in the page, and the Node-side tsconfig has no DOM types.
    const status = await page.evaluate(`fetch('/api/app.status', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
    }).then((response) => response.json())`);
    expect(status).toMatchObject({ ok: true, result: { profile: { name: 'demo' } } });
    // The token cookie is HttpOnly: page scripts cannot read it.
    expect(await page.evaluate('document.cookie')).toBe('');
  });

  it('follows pushed events: a profile switch elsewhere shows up live, and leads to Settings', async () => {
    const { page } = served;
    await served.call('profiles.create', { name: 'staging' });
    await served.call('profiles.select', { name: 'staging' });
    await page.waitForSelector('[data-testid="status-profile"]:has-text("staging")');
    expect(await page.textContent('[data-testid="status-profile"]')).toBe('staging · Live');
    // An unconfigured live profile shows what is missing and the way to Settings, not empty charts.
    const missing = page.locator('[aria-label="Missing settings"]');
    expect(await missing.textContent()).toContain('SCIMWATCH_TENANT_ID');
    expect(await page.locator('[aria-label="Charts"]').count()).toBe(0);
    await missing.getByRole('link', { name: 'Open Settings' }).click();
    await page.waitForSelector('[aria-label="Settings"] table');
    expect(page.url()).toMatch(/#\/settings$/);
  });

  it('switches profiles from the switcher', async () => {
    const { page } = served;
    await page.selectOption('.profile-switcher select', 'demo');
    await page.waitForSelector('[data-testid="status-profile"]:has-text("demo")');
    expect((await served.call('app.status')).profile.name).toBe('demo');
  });

  it('navigates by keyboard, and back and forward walk the views', async () => {
    const { page } = served;
    await page.goto(`${served.app.origin}/#/overview`);
    await page.waitForSelector('[data-testid="overview"]');
    await page.focus('nav a[aria-current="page"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[aria-label="Drift"]');
    expect(page.url()).toMatch(/#\/drift$/);
    await page.focus('nav a[aria-current="page"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[aria-label="Lookup"] input[type="search"]');
    await page.focus('nav a[aria-current="page"]');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[aria-label="Settings"] table');
    const settings = await page.textContent('[aria-label="Settings"]');
    expect(settings).toContain('pulumiScimToken');
    // The SCIM token is shown once by Pulumi: Settings says so, and what to do if it is lost.
    expect(settings).toMatch(/never shows it again.*regenerate it in Pulumi and immediately paste/s);
    // The local database beside the settings: how much history it keeps, and its integrity.
    expect(await page.textContent('[data-testid="retention"]')).toMatch(/^400 days/);
    expect(await page.textContent('[data-testid="integrity"]')).toMatch(/check/i);
    // A file this version created gives pruned space back from the start.
    expect(await page.textContent('[data-testid="space-return"]')).toBe(
      'given back to the disk as history is pruned',
    );
    expect(await page.textContent('[data-testid="database-size"]')).toMatch(/ on disk, .* in use$/);
    // Back and forward walk the views, filters included.
    await page.goBack();
    await page.waitForSelector('[aria-label="Lookup"]');
  });

  it('switches between light and dark themes', async () => {
    const { page } = served;
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    await page.selectOption('.theme-switcher select', 'dark');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    const dark = await background();
    await page.selectOption('.theme-switcher select', 'light');
    expect(await background()).not.toBe(dark);
  });

  it('runs under the strict CSP without errors', () => {
    expect(served.consoleErrors).toEqual([]);
  });
});
