import type Database from 'better-sqlite3';

import type { ProvisioningStatus } from '../../../shared/contract';
import type { FailureCause } from '../../../shared/finding-kinds';
import { PollState, type PollSource } from '../store/poll-state-repo';
import { latestSecrets, latestSnapshot } from '../store/configuration-snapshots-repo';
import { readDocument } from '../store/source-documents-repo';
import {
  idsOfKeys,
  type Keyed,
  keyedMembers,
  positionsOf,
  type Positions,
  type UserLinks,
  userLinksOf,
} from './keyed-reads';

export interface EntraUserRow {
  id: string;
  userPrincipalName: string | null;
  mail: string | null;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  accountEnabled: number | null;
}

export interface PulumiUserRow {
  id: string;
  userName: string;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  active: number;
}

export interface NamedRow {
  id: string;
  displayName: string | null;
}

/** The latest log entry of one Entra object: a later success or skip supersedes a failure. */
export interface LatestOutcome {
  entraId: string;
  identityType: string;
  status: ProvisioningStatus;
  action: string;
  cause: FailureCause | null;
  errorCode: string | null;
  activityDateTime: string;
  eventId: string;
  displayName: string | null;
  /** Entra's reason text, for failures only (it quotes Pulumi's SCIM error). */
  reason: string | null;
}

export interface PollError {
  source: PollSource;
  code: string | null;
  message: string;
  hint: string | null;
  at: string | null;
}

export interface TeamMembers {
  known: Int32Array;
  unknown: string[];
}

/** Everything one reconciliation reads, loaded in one read transaction so it is one consistent moment. */
export interface ReconcileInput {
  entraUsers: EntraUserRow[];
  entraGroups: NamedRow[];
  /**
   * Direct members of the groups the collectors read, by group: users as indexes into `entraUsers`
   * (ids the directory read does not hold are left out), nested groups by id.
   */
  userMembers: Map<string, Int32Array>;
  nestedGroups: Map<string, string[]>;
  assignments: { principalId: string; principalType: string }[];
  pulumiUsers: PulumiUserRow[];
  pulumiGroups: NamedRow[];
  /** Members of each SCIM group: indexes into `pulumiUsers`, and ids Pulumi's user list lacks. */
  teamMembers: Map<string, TeamMembers>;
  /** Null when the REST API is not configured (nothing to compare then). */
  pulumiTeams: { displayName: string | null; kind: string | null }[] | null;
  /** Members of the Pulumi organization with the admin role; counted by SQLite (a member list can be long). */
  pulumiAdminCount: number | null;
  pulumiOrganization: { features?: { samlSsoEnabled?: boolean | null } | null } | null;
  userLinks: UserLinks;
  groupLinks: { entraId: string; scimId: string }[];
  /** Latest log entries that failed, one per object (a later success or skip supersedes a failure). */
  failures: LatestOutcome[];
  schema: Record<string, unknown> | null;
  secrets: Map<string, string>;
  /** Job status history, oldest first (status and schedule as Graph reported them). */
  jobHistory: { observedAt: string; state: Record<string, unknown> }[];
  pollErrors: PollError[];
  /** When the directory (assignments, users, groups), SCIM and REST sides were last read (null: never). */
  directoryReadAt: string | null;
  pulumiReadAt: string | null;
  restReadAt: string | null;
}

const all = <T>(db: Database.Database, sql: string): T[] => db.prepare(sql).all() as T[];

function latestFailures(db: Database.Database): LatestOutcome[] {
  return all<LatestOutcome>(
    db,
    `SELECT entra_id AS entraId, identity_type AS identityType, status, action, cause, error_code AS errorCode,
            activity_date_time AS activityDateTime, event_id AS eventId, display_name AS displayName, reason
       FROM object_outcomes WHERE status = 'failure'`,
  );
}

function teamMembersOf(db: Database.Database, pulumiPositions: Positions): Map<string, TeamMembers> {
  const teams = keyedMembers(db, 'pulumi_group_members', '', pulumiPositions);
  const ids = idsOfKeys(
    db,
    [...teams.values()].flatMap((team) => team.unknownKeys),
  );
  return new Map(
    [...teams].map(([team, { known, unknownKeys }]) => [
      team,
      { known, unknown: unknownKeys.map((key) => ids.get(key) ?? '') },
    ]),
  );
}

function nestedGroupsOf(db: Database.Database): Map<string, string[]> {
  const rows = db
    .prepare(
      `SELECT group_id, group_concat(member_id, char(31)) FROM entra_group_members
        WHERE member_type = 'group' GROUP BY group_id`,
    )
    .raw(true)
    .all() as [string, string][];
  return new Map(rows.map(([group, ids]) => [group, ids.split('\x1f')]));
}

function readJson<T>(text: string | undefined | null): T | null {
  return text ? (JSON.parse(text) as T) : null;
}

/** Reads the collected state of both sides, and what the log and the job say, at one moment. */
export function loadReconcileInput(db: Database.Database): ReconcileInput {
  return db.transaction((): ReconcileInput => {
    const polls = new PollState(db);
    const restReadAt = polls.lastSuccessAt('pulumi.rest');
    // In id order, so matching is deterministic; each row carries its key for the keyed reads.
    const entraUsers = all<EntraUserRow & Keyed>(
      db,
      `SELECT id, key, user_principal_name AS userPrincipalName, mail, display_name AS displayName,
              given_name AS givenName, surname, account_enabled AS accountEnabled FROM entra_users ORDER BY id`,
    );
    const pulumiUsers = all<PulumiUserRow & Keyed>(
      db,
      `SELECT id, key, user_name AS userName, email, display_name AS displayName, given_name AS givenName,
              family_name AS familyName, active FROM pulumi_users ORDER BY id`,
    );
    const entraPositions = positionsOf(entraUsers);
    const pulumiPositions = positionsOf(pulumiUsers);
    return {
      entraUsers,
      entraGroups: all(db, 'SELECT id, display_name AS displayName FROM entra_groups'),
      // Members the directory read does not hold are left out: nothing is known of them.
      userMembers: new Map(
        [...keyedMembers(db, 'entra_group_members', "WHERE member_type = 'user'", entraPositions)].map(
          ([group, members]) => [group, members.known],
        ),
      ),
      nestedGroups: nestedGroupsOf(db),
      assignments: all(
        db,
        'SELECT principal_id AS principalId, principal_type AS principalType FROM entra_assignments',
      ),
      pulumiUsers,
      pulumiGroups: all(db, 'SELECT id, display_name AS displayName FROM pulumi_groups'),
      teamMembers: teamMembersOf(db, pulumiPositions),
      pulumiTeams: restReadAt ? all(db, 'SELECT display_name AS displayName, kind FROM pulumi_teams') : null,
      pulumiAdminCount: restReadAt
        ? (db
            .prepare<[], number>("SELECT count(*) FROM pulumi_org_members WHERE role = 'admin'")
            .pluck()
            .get() ?? 0)
        : null,
      pulumiOrganization: restReadAt ? readDocument(db, 'pulumi.organization') : null,
      userLinks: userLinksOf(db, entraPositions, pulumiPositions),
      groupLinks: all(
        db,
        `SELECT entra_id AS entraId, scim_id AS scimId FROM identity_links
          WHERE object_type = 'group' ORDER BY rowid`,
      ),
      failures: latestFailures(db),
      schema: readJson(latestSnapshot(db, 'schema_snapshots')?.body),
      secrets: latestSecrets(db),
      jobHistory: all<{ observedAt: string; state: string }>(
        db,
        'SELECT observed_at AS observedAt, state FROM job_status_changes ORDER BY id',
      ).map((row) => ({
        observedAt: row.observedAt,
        state: JSON.parse(row.state) as Record<string, unknown>,
      })),
      pollErrors: polls.all().flatMap((row) =>
        row.lastError === null
          ? []
          : [
              {
                source: row.source,
                code: row.lastErrorCode,
                message: row.lastError,
                hint: row.lastErrorHint,
                at: row.lastErrorAt,
              },
            ],
      ),
      directoryReadAt: polls.lastSuccessAt('entra.directory'),
      pulumiReadAt: polls.lastSuccessAt('pulumi.scim'),
      restReadAt,
    };
  })();
}
