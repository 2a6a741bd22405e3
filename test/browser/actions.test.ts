import { mkdirSync } from 'node:fs';

import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openServedPage, type ServedPage } from '../helpers/served-page';

const artifacts = 'test-results/screenshots';
/** Pulumi answered 503 when Entra created them: a passing outage, which a retry mends. */
const outage = {
  errorCode: 'SystemForCrossDomainIdentityManagementServiceUnavailable',
  reason: 'StatusCode: 503 ServiceUnavailable. The SCIM endpoint is briefly unavailable.',
};

describe('Retries and job actions in Chromium, over the demo world', () => {
  let served: ServedPage;
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    served = await openServedPage();
    await served.page.goto(served.app.url);
    await served.page.waitForSelector('[data-app-state="ready"]');
  });
  // The app is shared: leave it quiet for the next file (no retry pending and no verification pass
  // running, which would push events into another file's quiet window).
  afterAll(async () => {
    for (let waited = 0; waited < 30_000; waited += 100) {
      const queue = await served.call('retry.status');
      if (queue.queued + queue.sending + queue.verifying === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await served?.close();
  });

  it('retries a failure from its panel and shows the verified result', async () => {
    const { page } = served;
    await served.plantFailedCreate(
      {
        userPrincipalName: 'retry.me@contoso.example',
        displayName: 'Retry Me',
        cycleId: 'retry-one',
        assign: true,
      },
      outage,
    );
    await served.call('sync.run');
    await page.goto(`${served.app.origin}/#/failures?q=retry.me`);
    await page.locator('[role="gridcell"]', { hasText: 'Retry Me' }).first().click();
    await page.click('[data-testid="retry"]');
    await page.waitForSelector('[data-testid="batch-item"][data-state="verified_succeeded"]', {
      timeout: 20_000,
    });
    await page.screenshot({ path: `${artifacts}/retry-verified.png` });
    // The audit trail names who did it.
    await page.goto(`${served.app.origin}/#/actions`);
    const row = page.locator('[role="row"]', { hasText: 'Retry Me' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Browser Tester');
    const stillOpen = served
      .db()
      .prepare(
        `SELECT count(*) FROM findings f JOIN entra_users u ON u.id = f.entra_id
                 WHERE u.user_principal_name = 'retry.me@contoso.example' AND f.resolved_at IS NULL`,
      )
      .pluck()
      .get();
    expect(stillOpen).toBe(0);
  });

  it('runs a bulk retry by cause and watches its progress to the end', async () => {
    const { page } = served;
    for (let i = 0; i < 3; i++)
      await served.plantFailedCreate(
        {
          userPrincipalName: `bulk${i}@contoso.example`,
          displayName: `Bulk ${i}`,
          cycleId: 'retry-bulk',
          assign: true,
        },
        outage,
      );
    await served.call('sync.run');
    await page.goto(`${served.app.origin}/#/failures?cause=target_unavailable`);
    await page.click('[data-testid="bulk-retry-open"]');
    await page.click('[data-testid="bulk-confirm"]');
    const progress = page.locator('[data-testid="batch-progress"]');
    await progress.waitFor();
    const total = Number(await progress.getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(3);
    await page.waitForSelector(`[data-testid="batch-progress"][data-done="${total}"]`, { timeout: 30_000 });
    await page.screenshot({ path: `${artifacts}/retry-bulk.png` });
    const outcomes = served
      .db()
      .prepare(`SELECT state FROM actions WHERE display_name LIKE 'Bulk %' ORDER BY id`)
      .pluck()
      .all();
    expect(outcomes).toEqual(['verified_succeeded', 'verified_succeeded', 'verified_succeeded']);
  });

  it('retries the rows chosen in the log, by mouse and by Space', async () => {
    const { page } = served;
    for (let i = 0; i < 2; i++)
      await served.plantFailedCreate(
        {
          userPrincipalName: `chosen${i}@contoso.example`,
          displayName: `Chosen ${i}`,
          cycleId: 'retry-chosen',
          assign: true,
        },
        outage,
      );
    await served.call('sync.run');
    await page.goto(`${served.app.origin}/#/failures?q=chosen&status=failure`);
    await page.locator('[data-testid="choose"]').first().check();
    // The second by keyboard: down to it in the grid, Space ticks it.
    await page.focus('[role="grid"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await page.click('[data-testid="bulk-retry-open"]');
    await page.click('[data-testid="bulk-confirm"]');
    await page.waitForSelector('[data-testid="batch-progress"][data-total="2"][data-done="2"]', {
      timeout: 30_000,
    });
    const states = served
      .db()
      .prepare(`SELECT state FROM actions WHERE display_name LIKE 'Chosen %'`)
      .pluck()
      .all();
    expect(states).toEqual(['verified_succeeded', 'verified_succeeded']);
  });

  it('restarts the job behind a confirmation that says what each reset scope does', async () => {
    const { page } = served;
    await page.goto(`${served.app.origin}/#/overview`);
    await page.click('[data-testid="job-restart"]');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('re-evaluates every user and group');
    await dialog.getByLabel(/Watermark/).check();
    await page.screenshot({ path: `${artifacts}/job-restart.png` });
    await page.click('[data-testid="job-confirm"]');
    await page.waitForSelector('[data-testid="job-result"]:has-text("Done")');
    const last = served
      .db()
      .prepare(`SELECT kind, actor, state, request FROM actions ORDER BY id DESC LIMIT 1`)
      .get() as { kind: string; actor: string; state: string; request: string };
    expect(last).toMatchObject({ kind: 'job.restart', actor: 'Browser Tester', state: 'done' });
    expect(JSON.parse(last.request)).toMatchObject({ resetScope: 'Watermark' });
  });

  it('has no serious or critical accessibility violation on the Actions page and its panel, in both themes', async () => {
    const { page } = served;
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${served.app.origin}/#/overview`);
      await page.selectOption('.theme-switcher select', theme);
      await page.goto(`${served.app.origin}/#/actions`);
      await page.waitForSelector('[data-testid="actions-table"] [role="row"]');
      await page.focus('[role="grid"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="action-state"]').waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(blocking, theme).toEqual([]);
      await page.screenshot({ path: `${artifacts}/actions-${theme}.png` });
    }
    await page.selectOption('.theme-switcher select', 'system');
    expect(served.consoleErrors).toEqual([]);
  });
});
