import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ProvisioningEventRow } from '../../shared/contract';
import { migrations } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store/open-database';
import { reindexEventsOf } from '../../electron/core/store/event-search';
import {
  ProvisioningEventsRepo,
  type ProvisioningEventRecord,
} from '../../electron/core/store/provisioning-events-repo';
import { eventDetail } from '../../electron/core/tables/event-detail';
import { eventPage } from '../../electron/core/tables/event-rows';
import { makeTempDir } from '../helpers/temp-dir';
import { insertLegacyEvents } from '../helpers/legacy-log';

const now = Date.now();
const people = ['Alice Ångström', 'Bob Jones', 'Carol Díaz', 'Dan Okafor'];
const guid = (i: number) => `0000000${i}-4a51-8bd5-4f1c-${String(i).padStart(12, '0')}`;
const scimConflict = (email: string) =>
  `StatusCode: Conflict Message: Processing of the HTTP request resulted in an exception. Web Response: {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"Email ${email} already in use by another Pulumi account."}. This operation was retried 0 times.`;

/** Entries as Graph writes them: names, ids, the SCIM error quoted in the reason, modified properties. */
function entries(from: number, count: number): ProvisioningEventRecord[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const person = i % people.length;
    const name = people[person] ?? '';
    const upn = `${name.split(' ')[0]?.toLowerCase()}.user${person}@contoso.example`;
    const failed = i % 5 === 0;
    const reason = failed ? scimConflict(upn) : null;
    return {
      id: `entry-${String(i).padStart(5, '0')}`,
      activityDateTime: new Date(now - (count - n) * 60_000 - from * 3_600_000).toISOString(),
      status: failed ? 'failure' : 'success',
      action: i % 2 ? 'update' : 'create',
      identityType: 'User',
      sourceId: guid(person),
      sourceDisplayName: name,
      targetId: null,
      targetDisplayName: failed ? null : name,
      errorCode: failed ? 'SystemForCrossDomainIdentityManagementConflict' : null,
      cause: failed ? 'email_in_use' : null,
      cycleId: null,
      jobId: null,
      changeId: null,
      raw: JSON.stringify({
        id: `entry-${i}`,
        provisioningStatusInfo: {
          status: failed ? 'failure' : 'success',
          errorInformation: reason ? { reason } : null,
        },
        modifiedProperties: [{ displayName: 'userName', oldValue: null, newValue: i % 3 ? null : upn }],
      }),
      ingestedAt: new Date(now).toISOString(),
    };
  });
}

function walk(db: Database.Database, text: string): ProvisioningEventRow[] {
  const rows: ProvisioningEventRow[] = [];
  let cursor: string | undefined;
  do {
    const page = eventPage(db, { limit: 7, filter: { text }, ...(cursor ? { cursor } : {}) });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

describe('search over the provisioning log', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    dir = makeTempDir();
    // A schema-6 store with history, migrated: the index is built from what is stored.
    const path = join(dir.path, 'store.sqlite');
    const { db: v6 } = openStore(path, { migrations: migrations.slice(0, 6) });
    insertLegacyEvents(v6, entries(0, 60));
    v6.prepare(
      `INSERT INTO entra_users (id, key, user_principal_name, mail, display_name, account_enabled, raw)
       VALUES (?, 1, 'alice.user0@contoso.example', 'alice@contoso.example', 'Alice Ångström', 1, '{}')`,
    ).run(guid(0));
    v6.close();
    db = openStore(path).db;
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const sqlCount = (where: string, ...params: unknown[]) =>
    db
      .prepare(`SELECT count(*) FROM provisioning_events WHERE ${where}`)
      .pluck()
      .get(...params) as number;

  it('numbers stored entries in time order and finds them by name, address, id, code and reason word', () => {
    const seqs = db
      .prepare('SELECT seq FROM provisioning_events ORDER BY activity_date_time, id')
      .pluck()
      .all();
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const alice = sqlCount('source_id = ?', guid(0));
    // Her mail is known only from the directory, her UPN also from entries' modified properties.
    expect(walk(db, 'alice@contoso.example')).toHaveLength(alice);
    expect(walk(db, 'alice.user0@contoso.example')).toHaveLength(alice);
    expect(walk(db, 'angstrom')).toHaveLength(alice); // diacritics folded
    expect(walk(db, 'Bob Jo')).toHaveLength(sqlCount('source_id = ?', guid(1)));
    expect(walk(db, guid(2))).toHaveLength(sqlCount('source_id = ?', guid(2)));
    expect(walk(db, 'entry-00017').map((r) => r.id)).toEqual(['entry-00017']);
    expect(walk(db, 'SystemForCrossDomainIdentityManagementConflict')).toHaveLength(
      sqlCount(`status = 'failure'`),
    );
    expect(walk(db, 'already in use')).toHaveLength(sqlCount(`status = 'failure'`));
    // Newest first by arrival, which for history stored before the index is time order.
    const found = walk(db, 'Carol');
    expect(found.map((r) => r.activityDateTime)).toEqual(
      found
        .map((r) => r.activityDateTime)
        .sort()
        .reverse(),
    );
  });

  it('treats typed text as words: query syntax is inert, text without a word matches nothing', () => {
    for (const text of ['"', 'bob*', 'NEAR(bob jones)', 'bob OR carol', '-bob', 'bob AND', '(((', '^bob'])
      expect(() => walk(db, text), text).not.toThrow();
    expect(walk(db, 'bob OR carol')).toHaveLength(0); // every word must appear, "or" included
    expect(walk(db, '*** ((( "')).toHaveLength(0);
    expect(walk(db, 'zzz-nobody')).toHaveLength(0);
  });

  it('indexes entries as they arrive, and again when their user gets an address', () => {
    new ProvisioningEventsRepo(db).insertBatch(entries(1000, 20));
    expect(db.prepare('SELECT max(seq) FROM provisioning_events').pluck().get()).toBe(80);
    expect(walk(db, 'Dan')).toHaveLength(sqlCount('source_id = ?', guid(3)));
    expect(walk(db, 'dan.renamed@contoso.example')).toHaveLength(0);
    db.prepare(
      `INSERT INTO entra_users (id, key, user_principal_name, mail, display_name, account_enabled, raw)
       VALUES (?, 2, 'dan.renamed@contoso.example', NULL, 'Dan Okafor', 1, '{}')`,
    ).run(guid(3));
    reindexEventsOf(db, [guid(3)]);
    expect(walk(db, 'dan.renamed@contoso.example')).toHaveLength(sqlCount('source_id = ?', guid(3)));
    // Re-indexed, not indexed twice: the index still holds one row per entry.
    expect(db.prepare('SELECT count(*) FROM event_search').pluck().get()).toBe(80);
  });

  it('pages by position and by cursor alike, and counts what a search selects', () => {
    const all = walk(db, 'contoso');
    const jumped = eventPage(db, { limit: 7, offset: 10, total: true, filter: { text: 'contoso' } });
    expect(jumped.total).toBe(all.length);
    expect(jumped.items).toEqual(all.slice(10, 17));
    const withStatus = eventPage(db, {
      limit: 5,
      total: true,
      filter: { text: 'contoso', status: 'failure' },
    });
    expect(withStatus.total).toBe(sqlCount(`status = 'failure'`));
    expect(withStatus.totalCapped).toBeUndefined();
    const past = eventPage(db, { limit: 7, offset: 10_000, filter: { text: 'contoso' } });
    expect(past).toEqual({ items: [], nextCursor: null });
  });

  it('reads a failure whole: Pulumi’s SCIM error out of the reason, and the fix for its cause', () => {
    const detail = eventDetail(db, 'entry-00020', { pulumiOrg: 'acme' });
    expect(detail?.scimError).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(detail?.fix?.id).toBe('release-email-in-use');
    expect(detail?.fix?.links.map((l) => l.url)).toContain('https://app.pulumi.com/acme/members');
    expect(detail?.findingKey).toBeNull();
    expect(eventDetail(db, 'entry-00021', {})?.fix).toBeNull();
    expect(eventDetail(db, 'no-such-entry', {})).toBeNull();
  });
});
