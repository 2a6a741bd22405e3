import { mkdirSync } from 'node:fs';

import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openServedPage, type ServedPage } from '../helpers/served-page';

const artifacts = 'test-results/screenshots';

/** The row count a table states above itself ("1,204 entries"), as a number. */
async function shownCount(served: ServedPage): Promise<number> {
  const locator = served.page.locator('[data-testid="row-count"]');
  await locator.filter({ hasText: /\d/ }).waitFor();
  return Number((await locator.textContent())?.replace(/[^\d]/g, ''));
}

/** Opens a view and waits until its table states a count for exactly these filters. */
async function open(served: ServedPage, hash: string, table: string): Promise<number> {
  await served.page.goto(`${served.app.origin}/${hash}`);
  await served.page.waitForSelector(`[data-testid="${table}"][data-total]:not([data-total=""])`);
  return shownCount(served);
}

const count = (served: ServedPage, sql: string, ...params: unknown[]) =>
  served
    .db()
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('Drift, Failures and Configuration in Chromium, over the demo world', () => {
  let served: ServedPage;
  beforeAll(async () => {
    served = await openServedPage();
    await served.page.goto(served.app.url);
    await served.page.waitForSelector('[data-app-state="ready"]');
  });
  afterAll(() => served?.close());

  it('lists the log and narrows it by each filter to what SQL counts', async () => {
    const all = count(served, 'SELECT count(*) FROM provisioning_events');
    expect(all).toBeGreaterThan(0);
    expect(await open(served, '#/failures', 'events-table')).toBe(all);
    expect(await open(served, '#/failures?status=failure', 'events-table')).toBe(
      count(served, `SELECT count(*) FROM provisioning_events WHERE status = 'failure'`),
    );
    const cause = served
      .db()
      .prepare(`SELECT cause FROM provisioning_events WHERE cause IS NOT NULL LIMIT 1`)
      .pluck()
      .get() as string;
    expect(await open(served, `#/failures?cause=${cause}&type=User`, 'events-table')).toBe(
      count(
        served,
        `SELECT count(*) FROM provisioning_events WHERE cause = ? AND identity_type = 'User'`,
        cause,
      ),
    );
    // Filters are controls too: choosing one rewrites the URL and the table.
    await served.page.getByLabel('Type').selectOption('Group');
    await served.page.waitForURL(/type=Group/);
    expect(await shownCount(served)).toBe(
      count(
        served,
        `SELECT count(*) FROM provisioning_events WHERE cause = ? AND identity_type = 'Group'`,
        cause,
      ),
    );
  });

  it('finds a person by UPN and a failure by a word of its reason', async () => {
    const person = served
      .db()
      .prepare(
        `SELECT u.id, u.user_principal_name AS upn, count(*) AS n FROM entra_users u
           JOIN provisioning_events e ON e.source_id = u.id GROUP BY u.id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { id: string; upn: string; n: number };
    await open(served, '#/failures', 'events-table');
    await served.page.getByLabel('Search').fill(person.upn);
    await served.page.waitForURL(/q=/);
    expect(await shownCount(served)).toBe(person.n);
    const reasons = count(
      served,
      `SELECT count(*) FROM provisioning_events
        WHERE reason LIKE '%already in use%'`,
    );
    expect(reasons).toBeGreaterThan(0);
    await served.page.getByLabel('Search').fill('already in use');
    await served.page.waitForURL(/q=already/);
    expect(await shownCount(served)).toBe(reasons);
  });

  it('opens a failure from the keyboard: its SCIM error, the fix with its links, and Escape closes', async () => {
    const { page } = served;
    await open(served, '#/failures?status=failure&cause=email_in_use', 'events-table');
    await page.focus('[role="grid"]');
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-testid="detail-panel"]');
    await panel.locator('[data-testid="scim-error"]').waitFor();
    expect(await panel.locator('[data-testid="scim-error"]').textContent()).toContain('uniqueness');
    expect(await panel.locator('[data-testid="event-cause"]').textContent()).toBe('E-mail already in use');
    const links = await panel
      .locator('.fix a')
      .evaluateAll((as: { href: string }[]) => as.map((a) => a.href));
    expect(links.some((href) => href.startsWith('https://app.pulumi.com/'))).toBe(true);
    expect(links.some((href) => href.startsWith('https://entra.microsoft.com/'))).toBe(true);
    expect(links.every((href) => href.startsWith('https://'))).toBe(true);
    expect(page.url()).toMatch(/event=/);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement.getAttribute("role")')).toBe('grid');
    // The finding it feeds opens in Drift.
    await page.keyboard.press('Enter');
    await panel.locator('[data-testid="event-finding"]').click();
    await page.waitForSelector('[data-testid="detail-panel"] [data-fix]');
    expect(page.url()).toMatch(/#\/drift\?.*finding=/);
  });

  it('pages over root findings by filter, loads symptoms when expanded, and shows a finding whole', async () => {
    const { page } = served;
    const roots = (where = '') =>
      count(served, `SELECT count(*) FROM findings WHERE resolved_at IS NULL AND root_key IS NULL ${where}`);
    expect(await open(served, '#/drift', 'findings-table')).toBe(roots());
    expect(await open(served, '#/drift?group=user', 'findings-table')).toBe(roots(`AND kind LIKE 'user.%'`));
    expect(await open(served, '#/drift?severity=warning', 'findings-table')).toBe(
      roots(`AND severity = 'warning'`),
    );
    expect(await open(served, '#/drift?state=all', 'findings-table')).toBe(
      count(served, 'SELECT count(*) FROM findings WHERE root_key IS NULL'),
    );
    const root = served
      .db()
      .prepare(
        `SELECT r.key, r.display_name AS name, count(*) AS n FROM findings r JOIN findings s ON s.root_key = r.key
          WHERE r.resolved_at IS NULL AND s.resolved_at IS NULL GROUP BY r.key ORDER BY n DESC LIMIT 1`,
      )
      .get() as { key: string; name: string; n: number };
    await open(served, '#/drift', 'findings-table');
    await page
      .getByRole('button', { name: `Show ${root.n} symptoms` })
      .first()
      .click();
    await page.waitForSelector('[data-testid="symptoms"]');
    expect(await page.locator('[data-testid="symptoms"] li').count()).toBe(root.n);

    await page.goto(`${served.app.origin}/#/drift?finding=${encodeURIComponent(root.key)}`);
    const panel = page.locator('[data-testid="detail-panel"]');
    await panel.locator('[data-fix]').waitFor();
    expect(await panel.locator('.detail-name').textContent()).toBe(root.name);
    expect(await panel.locator('[data-testid="history"] li').count()).toBe(
      count(served, 'SELECT count(*) FROM finding_versions WHERE finding_key = ?', root.key),
    );
    expect(await panel.locator('.fix-docs a').count()).toBeGreaterThan(0);
    if (root.key.startsWith('user.'))
      expect(await panel.locator('[data-testid="comparison"]').count()).toBe(1);
  });

  it('walks Pulumi’s guide step by step, and tests the connection with what each check needs', async () => {
    const { page } = served;
    const snapshot = await served.call('reconcile.get');
    await page.goto(`${served.app.origin}/#/configuration`);
    await page.waitForSelector('[data-testid="checklist"]');
    expect(await page.locator('[data-testid="checklist"] > li').count()).toBe(snapshot!.checklist.length);
    const failed = snapshot!.checklist.filter((s) => s.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    await page.getByLabel('Outcome').selectOption('fail');
    await page.waitForURL(/outcome=fail/);
    expect(await page.locator('[data-testid="checklist"] > li').count()).toBe(failed.length);
    await page.locator('[data-testid="checklist"] .fix').first().waitFor();
    expect(await page.locator('[data-testid="checklist"] .step-guide').first().getAttribute('href')).toMatch(
      /^https:\/\/(www\.pulumi\.com|learn\.microsoft\.com)\//,
    );
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.waitForSelector('[data-testid="connection-report"]');
    const checks = page.locator('[data-check]');
    expect(await checks.count()).toBeGreaterThan(3);
    expect(await page.locator('[data-check="entra.provisioningLogs"] .check-needs').textContent()).toContain(
      'AuditLog.Read.All',
    );
  });

  it('shows hostile names as text without breaking the layout', async () => {
    const { page } = served;
    const name = `=cmd|' /C calc'!A0 <img src=x onerror="window.__xss=1"> \u202Egnp.exe 🧨👩🏽‍💻 ${'Ω'.repeat(10_000)}`;
    await served.plantFailedCreate(
      { userPrincipalName: 'hostile.name@contoso.example', displayName: name, cycleId: 'hostile' },
      { errorCode: 'SystemForCrossDomainIdentityManagementBadRequest', reason: `<b>${name}</b>` },
    );
    await served.call('sync.run');
    await open(served, '#/failures?q=hostile.name', 'events-table');
    const cell = page.locator('[role="gridcell"]', { hasText: 'calc' }).first();
    expect(await cell.textContent()).toBe(name);
    await page.focus('[role="grid"]');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="detail-panel"] .reason').waitFor();
    expect(await page.locator('[data-testid="detail-panel"] .reason').textContent()).toBe(`<b>${name}</b>`);
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(
      await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth'),
    ).toBe(true);
  });

  it('has no serious or critical accessibility violation on each page, in both themes', async () => {
    const { page } = served;
    mkdirSync(artifacts, { recursive: true });
    const views = [
      {
        name: 'failures',
        hash: '#/failures?status=failure',
        ready: '[data-testid="events-table"] [role="row"]',
      },
      { name: 'drift', hash: '#/drift', ready: '[data-testid="findings-table"] [role="row"]' },
      { name: 'configuration', hash: '#/configuration', ready: '[data-testid="checklist"] li' },
    ];
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${served.app.origin}/#/overview`);
      await page.selectOption('.theme-switcher select', theme);
      for (const view of views) {
        await page.goto(`${served.app.origin}/${view.hash}`);
        await page.waitForSelector(view.ready);
        if (view.name !== 'configuration') {
          await page.focus('[role="grid"]');
          await page.keyboard.press('Enter');
          await page.locator('[data-testid="detail-panel"] .fix').waitFor();
        }
        const results = await new AxeBuilder({ page }).analyze();
        const blocking = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(blocking, `${view.name} ${theme}`).toEqual([]);
        await page.screenshot({ path: `${artifacts}/${view.name}-${theme}.png` });
      }
    }
    await page.selectOption('.theme-switcher select', 'system');
    expect(served.consoleErrors).toEqual([]);
  });
});
