import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import { reindexEventsOf } from '../store/event-search';

import type { EntraGraph } from '../entra/graph-api';
import { DeltaTokenExpired } from '../entra/graph-errors';
import type { AppRoleAssignment, DirectoryObject } from '../entra/graph-types';
import type { CollectContext } from './collect-context';
import { ObjectKeys } from '../store/object-keys';
import { crashPoint } from './crash-points';
import type { EntraTarget } from './entra-target';
import { latestSecrets } from '../store/configuration-snapshots-repo';
import { PollState, type PollRow } from '../store/poll-state-repo';

const source = 'entra.directory';
/** Only what reconciliation reads: the delta rounds stay small. */
export const userFields = [
  'id',
  'userPrincipalName',
  'mail',
  'displayName',
  'givenName',
  'surname',
  'accountEnabled',
  'userType',
];

export interface DirectoryResult {
  users: number;
  groups: number;
  assignments: number;
}

interface GroupsCursor {
  /** Which assigned groups the groups delta link covers; a different set needs a new full round. */
  groupSet: string;
  deltaLink: string;
}

const isGroupRef = (member: DirectoryObject) => member['@odata.type'] === '#microsoft.graph.group';
const isRemoved = (item: DirectoryObject) => '@removed' in item;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** Runs a delta round; an expired link (410) means reading everything again, which the caller marks. */
async function deltaOrFull<T>(
  round: (link: string | null) => Promise<T>,
  link: string | null,
): Promise<{ result: T; full: boolean }> {
  if (!link) return { result: await round(null), full: true };
  try {
    return { result: await round(link), full: false };
  } catch (error) {
    if (!(error instanceof DeltaTokenExpired)) throw error;
    return { result: await round(null), full: true };
  }
}

type DeltaRound = { result: { items: DirectoryObject[]; deltaLink: string }; full: boolean };

/**
 * Assignments in full (Graph has no delta for them), then users and groups by delta: the assigned
 * groups, or every group when the job syncs all users and groups (then every group is in scope).
 */
async function readDirectory(
  graph: EntraGraph,
  target: EntraTarget,
  previous: PollRow | undefined,
  syncAll: boolean,
) {
  const assignments = await graph.assignments(target.servicePrincipalId);
  const groupIds = assignments
    .filter((a) => a.principalType === 'Group')
    .map((a) => a.principalId)
    .sort();
  const groupSet = syncAll ? 'all' : createHash('sha256').update(groupIds.join(',')).digest('hex');
  const cursor = previous?.cursor ? (JSON.parse(previous.cursor) as GroupsCursor) : null;
  const users = await deltaOrFull((link) => graph.usersDelta(link, userFields), previous?.deltaLink ?? null);
  const groups: DeltaRound =
    groupIds.length || syncAll
      ? await deltaOrFull(
          (link) => graph.groupsDelta(link, syncAll ? [] : groupIds, ['displayName', 'members']),
          cursor?.groupSet === groupSet ? cursor.deltaLink : null,
        )
      : { result: { items: [], deltaLink: '' }, full: true };
  return { assignments, users, groups, groupSet };
}

function storeAssignments(db: Database.Database, assignments: AppRoleAssignment[]): void {
  db.prepare('DELETE FROM entra_assignments').run();
  const assign = db.prepare(
    'INSERT OR REPLACE INTO entra_assignments (principal_id, principal_type, display_name, assignment_id) VALUES (?, ?, ?, ?)',
  );
  for (const a of assignments) assign.run(a.principalId, a.principalType, a.principalDisplayName, a.id);
}

/** Each stored user's addresses (UPN and mail), to tell which a round learnt or changed. */
function storedAddresses(db: Database.Database): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT id, coalesce(user_principal_name, '') || ' ' || coalesce(mail, '') AS a FROM entra_users`,
    )
    .all() as { id: string; a: string }[];
  return new Map(rows.map((row) => [row.id, row.a]));
}

function storeUsers(db: Database.Database, keys: ObjectKeys, users: DeltaRound): void {
  // A full round replaces the table, so what it held is read first; a delta round reads per user.
  const before = users.full ? storedAddresses(db) : null;
  const addressOf = db
    .prepare(
      `SELECT coalesce(user_principal_name, '') || ' ' || coalesce(mail, '') FROM entra_users WHERE id = ?`,
    )
    .pluck();
  const readdressed: string[] = [];
  if (users.full) db.prepare('DELETE FROM entra_users').run();
  const upsertUser = db.prepare(
    `INSERT OR REPLACE INTO entra_users (id, key, user_principal_name, mail, display_name, given_name, surname,
      account_enabled, user_type, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteUser = db.prepare('DELETE FROM entra_users WHERE id = ?');
  for (const user of users.result.items) {
    if (isRemoved(user)) {
      deleteUser.run(user.id);
      continue;
    }
    const previous = before ? before.get(user.id) : (addressOf.get(user.id) as string | undefined);
    if (previous !== `${text(user.userPrincipalName) ?? ''} ${text(user.mail) ?? ''}`)
      readdressed.push(user.id);
    upsertUser.run(
      user.id,
      keys.of(user.id),
      text(user.userPrincipalName),
      text(user.mail),
      text(user.displayName),
      text(user.givenName),
      text(user.surname),
      user.accountEnabled === false ? 0 : 1,
      text(user.userType),
      JSON.stringify(user),
    );
  }
  reindexEventsOf(db, readdressed);
}

const memberType = (member: DirectoryObject) =>
  isGroupRef(member) ? 'group' : /user/i.test(String(member['@odata.type'] ?? 'user')) ? 'user' : 'other';

function storeGroups(db: Database.Database, keys: ObjectKeys, groups: DeltaRound, syncAll: boolean): void {
  if (groups.full) {
    db.prepare('DELETE FROM entra_groups').run();
    db.prepare('DELETE FROM entra_group_members').run();
  }
  const upsertGroup = db.prepare(
    'INSERT OR REPLACE INTO entra_groups (id, display_name, raw) VALUES (?, ?, ?)',
  );
  const addMember = db.prepare(
    'INSERT OR REPLACE INTO entra_group_members (group_id, member_id, member_type, member_key) VALUES (?, ?, ?, ?)',
  );
  const removeMember = db.prepare('DELETE FROM entra_group_members WHERE group_id = ? AND member_id = ?');
  const deleteGroup = db.prepare('DELETE FROM entra_groups WHERE id = ?');
  const deleteMembers = db.prepare('DELETE FROM entra_group_members WHERE group_id = ?');
  for (const group of groups.result.items) {
    if (isRemoved(group)) {
      deleteGroup.run(group.id);
      deleteMembers.run(group.id);
      continue;
    }
    const { 'members@delta': members, ...rest } = group;
    if (rest.displayName !== undefined || groups.full)
      upsertGroup.run(group.id, text(rest.displayName), JSON.stringify(rest));
    for (const member of (members as DirectoryObject[] | undefined) ?? []) {
      if (isRemoved(member)) removeMember.run(group.id, member.id);
      else addMember.run(group.id, member.id, memberType(member), keys.of(member.id));
    }
  }
  // Groups no longer assigned leave the mirror (their delta link no longer covers them); with SyncAll
  // every group stays, since every group is in scope.
  if (syncAll) return;
  db.prepare(
    `DELETE FROM entra_groups WHERE id NOT IN (SELECT principal_id FROM entra_assignments WHERE principal_type = 'Group')`,
  ).run();
  db.prepare(`DELETE FROM entra_group_members WHERE group_id NOT IN (SELECT id FROM entra_groups)`).run();
}

/**
 * Assignments are read in full every pass (Graph has no delta for them); users and the assigned
 * groups' direct members follow users/delta and groups/delta, with a full re-read when a delta
 * token has expired or the set of assigned groups changed. Everything commits in one transaction
 * together with the new delta links, so a crash leaves the previous pass intact.
 */
export async function collectDirectory(
  graph: EntraGraph,
  target: EntraTarget,
  context: CollectContext,
): Promise<DirectoryResult> {
  const { db } = context;
  const state = new PollState(db);
  const syncAll = latestSecrets(db).get('SyncAll')?.toLowerCase() === 'true';
  const { assignments, users, groups, groupSet } = await readDirectory(
    graph,
    target,
    state.get(source),
    syncAll,
  );
  db.transaction(() => {
    const keys = new ObjectKeys(db);
    storeAssignments(db, assignments);
    storeUsers(db, keys, users);
    crashPoint('directory.in-transaction');
    storeGroups(db, keys, groups, syncAll);
    state.advance(source, {
      deltaLink: users.result.deltaLink,
      cursor: JSON.stringify({ groupSet, deltaLink: groups.result.deltaLink } satisfies GroupsCursor),
    });
  })();
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    users: count('SELECT count(*) AS n FROM entra_users'),
    groups: count('SELECT count(*) AS n FROM entra_groups'),
    assignments: assignments.length,
  };
}
