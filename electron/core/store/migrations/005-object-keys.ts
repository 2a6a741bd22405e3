import type { Migration } from '../migrate';

/**
 * Numbers every user, member and linked id once, so memberships and identity links can be read as
 * integers. At scale there are half a million memberships on each side; matching their text ids to
 * users at every reconciliation cost about half a second per side, where reading stored numbers
 * costs a tenth of that.
 *
 * The tables are rebuilt (SQLite cannot add a NOT NULL column without a default), keeping every row.
 */
export const objectKeys: Migration = {
  version: 5,
  name: 'object-keys',
  rewritesTables: true,
  sql: `
    -- Append-only: an id keeps its number for the life of the database, whichever table names it.
    CREATE TABLE object_keys (
      key INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE
    );
    INSERT INTO object_keys (id)
      SELECT id FROM entra_users UNION SELECT member_id FROM entra_group_members
      UNION SELECT id FROM pulumi_users UNION SELECT member_id FROM pulumi_group_members
      UNION SELECT entra_id FROM identity_links UNION SELECT scim_id FROM identity_links;

    -- History: every link survives, in the order it was learned (rowid order, which matching follows).
    CREATE TABLE identity_links_keyed (
      object_type TEXT NOT NULL,      -- 'user' | 'group'
      entra_id TEXT NOT NULL,
      scim_id TEXT NOT NULL,
      entra_key INTEGER NOT NULL,
      scim_key INTEGER NOT NULL,
      learned_from TEXT NOT NULL,     -- 'provisioning_log' | 'match'
      learned_at TEXT NOT NULL,
      PRIMARY KEY (object_type, entra_id)
    );
    INSERT INTO identity_links_keyed
      SELECT l.object_type, l.entra_id, l.scim_id, e.key, s.key, l.learned_from, l.learned_at
        FROM identity_links l JOIN object_keys e ON e.id = l.entra_id JOIN object_keys s ON s.id = l.scim_id
       ORDER BY l.rowid;
    DROP TABLE identity_links;
    ALTER TABLE identity_links_keyed RENAME TO identity_links;

    CREATE TABLE entra_users_keyed (
      id TEXT PRIMARY KEY,
      key INTEGER NOT NULL,
      user_principal_name TEXT,
      mail TEXT,
      display_name TEXT,
      given_name TEXT,
      surname TEXT,
      account_enabled INTEGER,
      user_type TEXT,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO entra_users_keyed
      SELECT u.id, k.key, u.user_principal_name, u.mail, u.display_name, u.given_name, u.surname,
             u.account_enabled, u.user_type, u.raw
        FROM entra_users u JOIN object_keys k ON k.id = u.id;
    DROP TABLE entra_users;
    ALTER TABLE entra_users_keyed RENAME TO entra_users;
    CREATE INDEX entra_users_by_upn ON entra_users (lower(user_principal_name));
    CREATE INDEX entra_users_by_mail ON entra_users (lower(mail));

    CREATE TABLE entra_group_members_keyed (
      group_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      member_type TEXT NOT NULL,      -- 'user' | 'group' | 'other' (direct members only)
      member_key INTEGER NOT NULL,
      PRIMARY KEY (group_id, member_id)
    ) WITHOUT ROWID;
    INSERT INTO entra_group_members_keyed
      SELECT m.group_id, m.member_id, m.member_type, k.key
        FROM entra_group_members m JOIN object_keys k ON k.id = m.member_id;
    DROP TABLE entra_group_members;
    ALTER TABLE entra_group_members_keyed RENAME TO entra_group_members;

    CREATE TABLE pulumi_users_keyed (
      id TEXT PRIMARY KEY,
      key INTEGER NOT NULL,
      user_name TEXT NOT NULL,
      email TEXT,
      display_name TEXT,
      given_name TEXT,
      family_name TEXT,
      active INTEGER NOT NULL,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO pulumi_users_keyed
      SELECT u.id, k.key, u.user_name, u.email, u.display_name, u.given_name, u.family_name, u.active, u.raw
        FROM pulumi_users u JOIN object_keys k ON k.id = u.id;
    DROP TABLE pulumi_users;
    ALTER TABLE pulumi_users_keyed RENAME TO pulumi_users;
    CREATE INDEX pulumi_users_by_user_name ON pulumi_users (lower(user_name));
    CREATE INDEX pulumi_users_by_email ON pulumi_users (lower(email));

    CREATE TABLE pulumi_group_members_keyed (
      group_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      member_key INTEGER NOT NULL,
      PRIMARY KEY (group_id, member_id)
    ) WITHOUT ROWID;
    INSERT INTO pulumi_group_members_keyed
      SELECT m.group_id, m.member_id, k.key
        FROM pulumi_group_members m JOIN object_keys k ON k.id = m.member_id;
    DROP TABLE pulumi_group_members;
    ALTER TABLE pulumi_group_members_keyed RENAME TO pulumi_group_members;
  `,
};
