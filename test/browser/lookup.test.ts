import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openServedPage, type ServedPage } from '../helpers/served-page';

describe('Lookup in Chromium, over the demo world', () => {
  let served: ServedPage;
  beforeAll(async () => {
    served = await openServedPage();
    await served.page.goto(served.app.url);
    await served.page.waitForSelector('[data-app-state="ready"]');
  });
  afterAll(() => served?.close());

  it('finds a person as a name is typed, and shows the verdict and the timeline', async () => {
    const { page } = served;
    const person = served
      .db()
      .prepare(
        `SELECT u.id, u.user_principal_name AS upn, u.display_name AS name,
                (SELECT count(*) FROM provisioning_events e WHERE e.source_id = u.id) AS entries
           FROM entra_users u WHERE u.display_name IS NOT NULL
            AND EXISTS (SELECT 1 FROM provisioning_events e WHERE e.source_id = u.id)
          ORDER BY u.user_principal_name LIMIT 1`,
      )
      .get() as { id: string; upn: string; name: string; entries: number };
    await page.goto(`${served.app.origin}/#/lookup`);
    await page.getByRole('searchbox', { name: 'Person or group' }).fill(person.upn);
    const match = page.locator('[data-testid="lookup-matches"] button', { hasText: person.upn });
    await match.click();
    const explanation = page.locator('[data-testid="explanation"]');
    await explanation.waitFor();
    const verdict = await explanation.getAttribute('data-verdict');
    expect(verdict).toMatch(/^[a-z_]+$/);
    expect((await page.locator('[data-testid="verdict"]').textContent())?.length).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="timeline"] tbody tr').count()).toBe(
      Math.min(person.entries, 500),
    );
    expect(page.url()).toContain(`id=${person.id}`);
    await page.screenshot({ path: 'test-results/screenshots/lookup.png' });
    expect(served.consoleErrors).toEqual([]);
  });

  it('finds a group, and shows its team member by member', async () => {
    const { page } = served;
    const group = served
      .db()
      .prepare(
        `SELECT g.id, g.display_name AS name,
                (SELECT count(*) FROM entra_group_members m WHERE m.group_id = g.id AND m.member_type = 'user') AS members
           FROM entra_groups g JOIN entra_assignments a ON a.principal_id = g.id
          WHERE g.display_name IS NOT NULL ORDER BY members DESC, g.id LIMIT 1`,
      )
      .get() as { id: string; name: string; members: number };
    await page.goto(`${served.app.origin}/#/lookup`);
    await page.getByRole('searchbox', { name: 'Person or group' }).fill(group.name);
    await page
      .locator('[data-testid="lookup-matches"] button', { hasText: `${group.name} (group)` })
      .first()
      .click();
    const explanation = page.locator('[data-testid="explanation"]');
    await explanation.waitFor();
    expect(await explanation.getAttribute('data-verdict')).toMatch(/^[a-z_]+$/);
    expect(page.url()).toContain(`group=${group.id}`);
    expect(await page.getByRole('region', { name: 'Entra group' }).textContent()).toContain(group.name);
    const listed = await page.locator('[data-testid="members"] tbody tr').count();
    expect(listed).toBeGreaterThanOrEqual(Math.min(group.members, 500));
    await page.screenshot({ path: 'test-results/screenshots/lookup-group.png' });
    expect(served.consoleErrors).toEqual([]);
  });
});
