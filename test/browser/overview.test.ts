import { mkdirSync } from 'node:fs';

import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { statRanges, type FindingRow } from '../../shared/contract';
import { openServedPage, type ServedPage } from '../helpers/served-page';

const artifacts = 'test-results/screenshots';

/** The little of the DOM these proofs read (the Node-side tsconfig has no DOM types). */
interface Cell {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** Reads a figures table's totals (what the chart above it draws) as numbers, per column. */
async function totals(served: ServedPage, chart: string): Promise<Record<string, number>> {
  const cells = served.page.locator(`[data-testid="figures-${chart}"] tfoot td`);
  const entries = await cells.evaluateAll((tds: Cell[]) =>
    tds.map((td) => [
      td.getAttribute('data-total') ?? '',
      Number((td.textContent ?? '').replace(/[^\d]/g, '')),
    ]),
  );
  return Object.fromEntries(entries) as Record<string, number>;
}

async function openRootsBySeverity(served: ServedPage) {
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0 };
  let cursor: string | undefined;
  do {
    const page = await served.call('findings.list', {
      filter: { roots: true, state: 'open' },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    page.items.forEach((f: FindingRow) => (counts[f.severity] = (counts[f.severity] ?? 0) + 1));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return counts;
}

const kpi = (served: ServedPage, id: string) => served.page.textContent(`[data-testid="kpi-${id}"]`);

describe('the Overview in Chromium, over the demo world', () => {
  let served: ServedPage;
  beforeAll(async () => {
    served = await openServedPage();
    await served.page.goto(served.app.url);
    await served.page.waitForSelector('[data-testid="kpi-open-errors"]');
  });
  afterAll(() => served?.close());

  it('counts root findings in its figures, exactly as the API lists them', async () => {
    const roots = await openRootsBySeverity(served);
    expect(roots.error).toBeGreaterThan(0);
    expect(await kpi(served, 'open-errors')).toBe(String(roots.error));
    expect(await kpi(served, 'open-warnings')).toBe(String(roots.warning));
    const snapshot = await served.call('reconcile.get');
    const { users, teams } = snapshot!.run.counts;
    expect(await kpi(served, 'users-in-sync')).toBe(`${users.inSync} of ${users.inScope}`);
    expect(await kpi(served, 'teams-in-sync')).toBe(`${teams.inSync} of ${teams.inScope}`);
    const failedSteps = snapshot!.checklist.filter((s) => s.outcome === 'fail').length;
    expect(await kpi(served, 'failed-guide-steps')).toBe(`${failedSteps} of ${snapshot!.checklist.length}`);
    const failed = served
      .db()
      .prepare(
        `SELECT count(DISTINCT coalesce(source_id, id)) FROM provisioning_events
          WHERE status = 'failure' AND activity_date_time >= ?`,
      )
      .pluck()
      .get(new Date(Date.now() - 86_400_000).toISOString());
    expect(await kpi(served, 'failed-objects-24h')).toBe(String(failed));
    expect(await served.page.getAttribute('[aria-label="Provisioning job"]', 'data-job-state')).toBeTruthy();
  });

  it("draws each chart's series to sum to a count in SQL over its range", async () => {
    const db = served.db();
    for (const range of statRanges) {
      await served.page
        .getByRole('button', {
          name: {
            '24h': 'Last 24 hours',
            '7d': 'Last 7 days',
            '30d': 'Last 30 days',
            all: 'All stored history',
          }[range],
        })
        .click();
      for (const chart of ['outcomes', 'causes', 'trend'])
        await served.page.waitForSelector(`[data-testid="figures-${chart}"][data-range="${range}"]`, {
          state: 'attached',
        });
      const from = await served.page.getAttribute('[data-testid="figures-outcomes"]', 'data-from');
      const grainLength = range === '24h' || range === '7d' ? 13 : 10;
      const outcomes = db
        .prepare(
          `SELECT status, sum(n) AS n FROM (
             SELECT status, count(DISTINCT coalesce(source_id, id)) AS n FROM provisioning_events
              WHERE activity_date_time >= ? GROUP BY substr(activity_date_time, 1, ?), status)
           GROUP BY status`,
        )
        .all(from, grainLength) as { status: string; n: number }[];
      const drawn = await totals(served, 'outcomes');
      expect(Object.values(drawn).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const status of ['success', 'failure', 'skipped', 'warning'])
        expect(drawn[status], `${range} ${status}`).toBe(outcomes.find((o) => o.status === status)?.n ?? 0);

      const since = (await served.page.getAttribute('[data-testid="figures-causes"]', 'data-from')) || '';
      const failedPairs = db
        .prepare(
          `SELECT count(*) FROM (SELECT DISTINCT coalesce(source_id, id), coalesce(cause, 'unknown')
             FROM provisioning_events WHERE status = 'failure' AND activity_date_time >= ?)`,
        )
        .pluck()
        .get(since);
      expect((await totals(served, 'causes')).objects, `${range} causes`).toBe(failedPairs);

      const runs = ((await served.page.getAttribute('[data-testid="figures-trend"]', 'data-rows')) ?? '')
        .split(' ')
        .filter(Boolean)
        .map(Number);
      expect(runs.length).toBeGreaterThan(0);
      const openAt = db.prepare(
        `SELECT count(*) FROM finding_versions WHERE valid_from_run <= ? AND (valid_to_run IS NULL OR valid_to_run > ?)`,
      );
      const open = runs.reduce((sum, run) => sum + (openAt.pluck().get(run, run) as number), 0);
      const trend = await totals(served, 'trend');
      expect(trend.error! + trend.warning! + trend.info!, `${range} trend`).toBe(open);
    }
    await served.page.getByRole('button', { name: 'Last 24 hours' }).click();
    expect(served.page.url()).toMatch(/#\/overview$/);
  });

  it('shows a failure planted in Entra without a reload, and makes no request unless an event says so', async () => {
    const { page } = served;
    const requests: { url: string; at: number }[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/events')
        requests.push({ url: url.pathname, at: Date.now() });
    });
    await page.evaluate('window.__sameDocument = true');
    // The app is shared: first let what earlier files set going settle (1.5 s without a request).
    for (let waited = 0; waited < 15_000; waited += 250) {
      if (requests.every((r) => Date.now() - r.at > 1500) && waited >= 1500) break;
      await page.waitForTimeout(250);
    }
    requests.length = 0;
    // Quiet: nothing changes in the core, so nothing is asked (no timer polls).
    await page.waitForTimeout(4000);
    expect(requests).toEqual([]);

    const before = Number(await kpi(served, 'failed-objects-24h'));
    const name = `=HYPERLINK("https://evil.example") <img src=x onerror="window.__xss=1"><b>Mallory</b> ${'W'.repeat(140)}`;
    await served.plantFailedCreate(
      { userPrincipalName: 'mallory.planted@contoso.example', displayName: name, cycleId: 'planted' },
      {
        errorCode: 'SystemForCrossDomainIdentityManagementTooManyRequests',
        reason: 'HTTP 429 Too Many Requests',
      },
    );
    const syncStarted = Date.now();
    await served.call('sync.run');
    await page.waitForSelector(`[data-testid="kpi-failed-objects-24h"]:text-is("${before + 1}")`);
    const feedName = page.locator('[data-testid="feed-name"]', { hasText: 'Mallory' });
    await feedName.waitFor();
    // The new cause has a bar of its own (the figures behind the chart list it).
    await page.waitForSelector('[data-testid="figures-causes"][data-rows~="rate_limited"]', {
      state: 'attached',
    });

    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.at < syncStarted)).toEqual([]);
    // The name is text: shown as written, never parsed, never run, and it wraps inside its cell.
    expect(await feedName.textContent()).toBe(name);
    expect(await page.locator('.feed img, .feed b').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(
      await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth'),
    ).toBe(true);
  });

  it('opens the list each figure, bar and legend entry counts, filtered in the URL', async () => {
    const { page } = served;
    await page.click('[data-kpi="open-errors"]');
    await page.waitForSelector('[data-testid="findings-table"]');
    expect(page.url()).toMatch(/#\/drift\?severity=error$/);
    await page.goBack();
    await page.locator('[data-chart="causes"] .recharts-bar-rectangle').first().click();
    await page.waitForSelector('[data-testid="events-table"]');
    expect(page.url()).toMatch(/#\/failures\?cause=\w+&range=24h$/);
    await page.goBack();
    await page.locator('[data-chart="outcomes"] .recharts-legend-item', { hasText: 'Failed' }).click();
    await page.waitForSelector('[data-testid="events-table"]');
    expect(page.url()).toMatch(/#\/failures\?status=failure&range=24h$/);
    await page.goBack();
    await page.waitForSelector('[data-testid="kpi-open-errors"]');
  });

  it('has no serious or critical accessibility violation, in the light and the dark theme', async () => {
    const { page } = served;
    mkdirSync(artifacts, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      await page.selectOption('.theme-switcher select', theme);
      await page.waitForSelector('[data-chart="outcomes"] .recharts-bar-rectangle');
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(blocking, theme).toEqual([]);
      await page.screenshot({ path: `${artifacts}/overview-${theme}.png`, fullPage: true });
    }
    await page.selectOption('.theme-switcher select', 'system');
  });

  it('runs under the strict CSP without errors', () => {
    expect(served.consoleErrors).toEqual([]);
  });
});
