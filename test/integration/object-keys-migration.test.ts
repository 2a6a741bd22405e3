import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { migrations } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store/open-database';
import { ObjectKeys } from '../../electron/core/store/object-keys';
import { makeTempDir } from '../helpers/temp-dir';

describe('object keys (migration 5)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('numbers the ids of collected users and members, keeping every row', () => {
    const path = join(dir.path, 'v4.sqlite');
    const { db: v4 } = openStore(path, { migrations: migrations.slice(0, 4) });
    v4.exec(`
      INSERT INTO entra_users (id, user_principal_name, mail, account_enabled, raw)
        VALUES ('e-1', 'ada@contoso.example', 'ada@contoso.example', 1, '{}'),
               ('e-2', 'bob@contoso.example', NULL, 0, '{}');
      INSERT INTO entra_group_members (group_id, member_id, member_type)
        VALUES ('g-1', 'e-1', 'user'), ('g-1', 'e-9', 'user'), ('g-1', 'g-2', 'group');
      INSERT INTO pulumi_users (id, user_name, active, raw) VALUES ('p-1', 'ada@contoso.example', 1, '{}');
      INSERT INTO pulumi_group_members (group_id, member_id) VALUES ('t-1', 'p-1'), ('t-1', 'p-gone');
      INSERT INTO identity_links (object_type, entra_id, scim_id, learned_from, learned_at)
        VALUES ('user', 'e-2', 'p-1', 'provisioning_log', '2026-11-01T08:00:00Z'),
               ('user', 'e-1', 'p-1', 'provisioning_log', '2026-11-02T08:00:00Z'),
               ('group', 'g-1', 't-1', 'provisioning_log', '2026-11-02T08:00:00Z');
    `);
    v4.close();

    const { db, schemaVersion } = openStore(path);
    expect(schemaVersion).toBe(migrations.length);
    const keyOf = (id: string) => db.prepare('SELECT key FROM object_keys WHERE id = ?').pluck().get(id);
    expect(db.prepare('SELECT id, key, mail, account_enabled FROM entra_users ORDER BY id').all()).toEqual([
      { id: 'e-1', key: keyOf('e-1'), mail: 'ada@contoso.example', account_enabled: 1 },
      { id: 'e-2', key: keyOf('e-2'), mail: null, account_enabled: 0 },
    ]);
    // Members the user lists do not hold get numbers too: a team can name an account Pulumi lacks.
    expect(
      db
        .prepare('SELECT member_id AS id, member_key AS key FROM entra_group_members ORDER BY member_id')
        .all(),
    ).toEqual(['e-1', 'e-9', 'g-2'].map((id) => ({ id, key: keyOf(id) })));
    expect(
      db
        .prepare('SELECT member_id AS id, member_key AS key FROM pulumi_group_members ORDER BY member_id')
        .all(),
    ).toEqual(['p-1', 'p-gone'].map((id) => ({ id, key: keyOf(id) })));
    expect(db.prepare('SELECT key FROM pulumi_users').pluck().get()).toBe(keyOf('p-1'));
    // Links keep their rows and the order they were learned in (matching takes the earliest first).
    expect(
      db.prepare('SELECT entra_id, scim_id, entra_key, scim_key FROM identity_links ORDER BY rowid').all(),
    ).toEqual(
      [
        ['e-2', 'p-1'],
        ['e-1', 'p-1'],
        ['g-1', 't-1'],
      ].map(([entra, scim]) => ({
        entra_id: entra,
        scim_id: scim,
        entra_key: keyOf(entra ?? ''),
        scim_key: keyOf(scim ?? ''),
      })),
    );

    // A key never changes, and a new id gets a new one.
    const keys = new ObjectKeys(db);
    expect(keys.of('e-1')).toBe(keyOf('e-1'));
    const fresh = keys.of('e-new');
    expect(new Set(['e-1', 'e-2', 'e-9', 'g-1', 'g-2', 'p-1', 'p-gone', 't-1'].map(keyOf))).not.toContain(
      fresh,
    );
    expect(keys.of('e-new')).toBe(fresh);
    db.close();
  });
});
