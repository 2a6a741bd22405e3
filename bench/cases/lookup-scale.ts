import Database from 'better-sqlite3';

import type { GroupExplanation, LookupMatch, MethodName, PersonExplanation } from '../../shared/contract';
import { median, type Figure } from '../harness';
import type { ServedScale } from './tables-scale';

const repeats = 5;

interface Subjects {
  /** People with a failure in their log, each asked once (a cold question, not a cached answer). */
  failing: { id: string; upn: string }[];
  scimIds: string[];
  biggestGroup: { id: string; name: string; members: number };
}

function pickSubjects(path: string): Subjects {
  const db = new Database(path, { readonly: true });
  try {
    const failing = db
      .prepare(
        `SELECT u.id, u.user_principal_name AS upn FROM entra_users u
          WHERE u.id IN (SELECT source_id FROM provisioning_events WHERE status = 'failure' LIMIT 5000)
          ORDER BY u.id LIMIT ${repeats * 2}`,
      )
      .all() as Subjects['failing'];
    const scimIds = db
      .prepare(
        `SELECT scim_id FROM identity_links WHERE object_type = 'user' ORDER BY scim_id LIMIT ${repeats}`,
      )
      .pluck()
      .all() as string[];
    const biggestGroup = db
      .prepare(
        `SELECT g.id, g.display_name AS name, count(*) AS members FROM entra_group_members m
           JOIN entra_groups g ON g.id = m.group_id GROUP BY g.id ORDER BY members DESC LIMIT 1`,
      )
      .get() as Subjects['biggestGroup'];
    return { failing, scimIds, biggestGroup };
  } finally {
    db.close();
  }
}

/**
 * Lookup over the stored scale world: a question from what was typed to the verdict, through the
 * served API (find, then explain) and in Chromium (typing a UPN, picking the match, the verdict drawn).
 */
export async function measureLookup(served: ServedScale): Promise<{ figures: Figure[]; notes: string[] }> {
  const call = async <T>(method: MethodName, input: unknown): Promise<T> => {
    const response = await fetch(`${served.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${served.accessToken}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; result: T };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
    return body.result;
  };
  const subjects = pickSubjects(served.database);
  const timed = async (question: () => Promise<unknown>) => {
    const started = performance.now();
    await question();
    return performance.now() - started;
  };
  const ask = async (text: string) => {
    const [match] = await call<LookupMatch[]>('lookup.find', { text });
    if (!match) throw new Error(`nothing found for ${text}`);
    return match.kind === 'group'
      ? call<GroupExplanation>('lookup.group', { entraId: match.entraId })
      : call<PersonExplanation>(
          'lookup.explain',
          match.entraId ? { entraId: match.entraId } : { scimId: match.scimId },
        );
  };
  const byUpn: number[] = [];
  for (const person of subjects.failing.slice(0, repeats)) byUpn.push(await timed(() => ask(person.upn)));
  const byScimId: number[] = [];
  for (const scimId of subjects.scimIds) byScimId.push(await timed(() => ask(scimId)));
  const prefixes: number[] = [];
  for (const person of subjects.failing.slice(0, repeats))
    prefixes.push(await timed(() => call('lookup.find', { text: person.upn.slice(0, 4) })));
  const group: number[] = [];
  for (let i = 0; i < repeats; i++)
    group.push(await timed(() => call('lookup.group', { entraId: subjects.biggestGroup.id })));

  // In the page: from typing the UPN until the verdict of the picked match is drawn.
  const page = await served.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const drawn: number[] = [];
  try {
    await page.goto(served.url);
    await page.waitForSelector('[data-app-state="ready"]');
    for (const person of subjects.failing.slice(repeats, repeats * 2)) {
      await page.goto(`${served.origin}/#/lookup`);
      const box = page.getByRole('searchbox', { name: 'Person or group' });
      await box.waitFor();
      const started = performance.now();
      await box.fill(person.upn);
      await page.locator('[data-testid="lookup-matches"] button', { hasText: person.upn }).first().click();
      await page.locator(`[data-testid="explanation"]`).waitFor();
      drawn.push(performance.now() - started);
    }
  } finally {
    await page.close();
  }
  const figure = (name: string, values: number[], target?: number): Figure => ({
    name: `${name}, median of ${values.length}`,
    value: Math.round(median(values) * 10) / 10,
    unit: 'ms',
    ...(target ? { target: { better: 'lower' as const, value: target } } : {}),
  });
  return {
    figures: [
      figure('Lookup by UPN: find + explain over the API', byUpn, 300),
      figure('Lookup by SCIM id: find + explain over the API', byScimId, 300),
      figure('Lookup matches for a 4-character prefix', prefixes, 300),
      figure(`Lookup of the biggest group (${subjects.biggestGroup.members} members)`, group, 300),
      figure('Lookup in Chromium: UPN typed, match picked, verdict drawn', drawn, 300),
    ],
    notes: [
      'Lookup: each person asked once (people with a failure in their log); the page figure includes the request for matches, drawing them, the click, and the request and drawing of the explanation.',
    ],
  };
}
