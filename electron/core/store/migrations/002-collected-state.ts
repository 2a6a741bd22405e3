import type { Migration } from '../migrate';

/**
 * What the collectors read each pass: the current state of both sides, replaced whole per source
 * in one transaction (history lives in the v1 tables: events, job status changes, snapshots).
 */
export const collectedState: Migration = {
  version: 2,
  name: 'collected-state',
  sql: `
    CREATE TABLE entra_assignments (
      principal_id TEXT PRIMARY KEY,
      principal_type TEXT NOT NULL,   -- 'User' | 'Group' | 'ServicePrincipal'
      display_name TEXT,
      assignment_id TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE entra_users (
      id TEXT PRIMARY KEY,
      user_principal_name TEXT,
      mail TEXT,
      display_name TEXT,
      given_name TEXT,
      surname TEXT,
      account_enabled INTEGER,
      user_type TEXT,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX entra_users_by_upn ON entra_users (lower(user_principal_name));
    CREATE INDEX entra_users_by_mail ON entra_users (lower(mail));

    CREATE TABLE entra_groups (
      id TEXT PRIMARY KEY,
      display_name TEXT,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE entra_group_members (
      group_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      member_type TEXT NOT NULL,      -- 'user' | 'group' | 'other' (direct members only)
      PRIMARY KEY (group_id, member_id)
    ) WITHOUT ROWID;

    CREATE TABLE pulumi_users (
      id TEXT PRIMARY KEY,
      user_name TEXT NOT NULL,
      email TEXT,
      display_name TEXT,
      given_name TEXT,
      family_name TEXT,
      active INTEGER NOT NULL,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX pulumi_users_by_user_name ON pulumi_users (lower(user_name));
    CREATE INDEX pulumi_users_by_email ON pulumi_users (lower(email));

    CREATE TABLE pulumi_groups (
      id TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE pulumi_group_members (
      group_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      PRIMARY KEY (group_id, member_id)
    ) WITHOUT ROWID;

    CREATE TABLE pulumi_teams (
      name TEXT PRIMARY KEY,
      display_name TEXT,
      kind TEXT,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE pulumi_org_members (
      login TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      email TEXT,
      raw TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Small documents read whole: the service principal and job ids, the org's SAML/SCIM flags, SAML admins.
    CREATE TABLE source_documents (
      key TEXT PRIMARY KEY,
      body TEXT NOT NULL,             -- JSON
      read_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE pulumi_auth_failures (
      timestamp INTEGER NOT NULL,
      event TEXT NOT NULL,
      description TEXT NOT NULL,
      PRIMARY KEY (timestamp, event, description)
    ) WITHOUT ROWID;
  `,
};
