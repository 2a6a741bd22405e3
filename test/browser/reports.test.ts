import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openServedPage, type ServedPage } from '../helpers/served-page';
import { makeTempDir } from '../helpers/temp-dir';

describe('Reports in Chromium, over the demo world', () => {
  let served: ServedPage;
  const dir = makeTempDir();
  beforeAll(async () => {
    served = await openServedPage();
    await served.page.goto(served.app.url);
    await served.page.waitForSelector('[data-app-state="ready"]');
  });
  afterAll(async () => {
    await served?.close();
    dir.remove();
  });

  it('previews a report, exports it with progress, lists it with its hash and downloads it', async () => {
    const { page } = served;
    await page.goto(`${served.app.origin}/#/reports?format=html&redact=1`);
    const preview = page.locator('[data-testid="report-preview"]');
    await preview.waitFor();
    const open = (await served.call('reconcile.get', {}))?.run.counts.findings.total ?? 0;
    expect(await page.locator('[data-testid="preview-open"]').textContent()).toMatch(new RegExp(`^${open} `));
    expect(await page.getByLabel('Redact names, emails, UPNs and ids').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Export HTML' }).click();
    const done = page.locator('[data-testid="report-done"]');
    await done.waitFor();
    const [record] = await served.call('report.list', {});
    expect(record).toMatchObject({ state: 'done', options: { format: 'html', redact: true } });
    const link = page.locator('[data-testid="report-history"] a', { hasText: record?.fileName ?? '' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(dir.path, 'downloaded.html');
    await download.saveAs(saved);
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(record?.sha256);
    await page.screenshot({ path: 'test-results/screenshots/reports.png', fullPage: true });
    // The download route needs the token like the API does.
    const anonymous = await fetch(`${served.app.origin}/downloads/reports/${record?.id ?? ''}`);
    expect(anonymous.status).toBe(401);
    expect(served.consoleErrors).toEqual([]);
  });
});
