import type Database from 'better-sqlite3';

import type {
  FindingRecord,
  GroupExplanation,
  GroupMember,
  GroupMemberState,
  GroupVerdict,
  LookupMatch,
  TimelineEntry,
} from '../../../shared/contract';
import { groupMemberStates } from '../../../shared/contract';
import { cloudTeamNameLimit } from '../../../shared/pulumi-rules';
import { latestSecrets } from '../store/configuration-snapshots-repo';
import { PollState } from '../store/poll-state-repo';
import { failedVerdict } from './explain-person';
import { readFindings, readTimeline } from './lookup-reads';

/** Members listed on screen: the exceptions first, so a 10,000-member group still shows every blocker. */
const listedCap = 500;

type Team = NonNullable<GroupExplanation['evidence']['team']>;
type Entra = NonNullable<GroupExplanation['evidence']['entra']>;

/**
 * Why one group's team is (or is not) as Entra intends, read from the store: the verdict first, then
 * the group against its team member by member. Member states come from the open findings, so the
 * page and the Drift page never disagree; a member with none is in the team or not pushed at all.
 */
export function explainGroup(db: Database.Database, subject: LookupMatch): GroupExplanation {
  const entraId = subject.entraId ?? '';
  const entra = readEntraGroup(db, entraId);
  const team = readTeam(db, entraId, entra?.displayName ?? null, subject.scimId);
  const findings = readFindings(db, entraId || null, team?.scimId ?? null);
  const members = compareMembers(db, entraId, team?.scimId ?? null, findings);
  const timeline = entraId ? readTimeline(db, entraId) : [];
  const name = entra?.displayName ?? team?.name ?? 'This group';
  return {
    verdict: decide(name, entra, team, findings, timeline, members.counts),
    subject,
    evidence: {
      entra,
      team,
      name: { length: (entra?.displayName ?? '').length, limit: cloudTeamNameLimit },
      members,
      lastPush: timeline[0] ?? null,
      timeline,
    },
    findings,
  };
}

/** Open findings that decide the verdict, most telling first: a removal owed, then what stops a push. */
const findingVerdicts: [string, Exclude<GroupVerdict, 'not_found' | 'in_sync' | 'not_assigned'>][] = [
  ['team.not_deprovisioned', 'not_deprovisioned'],
  ['team.name_too_long', 'name_too_long'],
  ['team.member_not_provisioned', 'push_blocked'],
  ['provisioning.failure', 'failed'],
  ['team.missing_in_pulumi', 'not_yet_provisioned'],
  ['team.name_collision', 'name_collision'],
  ['team.name_mismatch', 'name_mismatch'],
  ['team.member_missing', 'members_differ'],
  ['team.member_extra', 'members_differ'],
];

function decide(
  name: string,
  entra: Entra | null,
  team: Team | null,
  findings: FindingRecord[],
  timeline: TimelineEntry[],
  counts: Record<GroupMemberState, number>,
): GroupExplanation['verdict'] {
  if (!entra && !team) return { code: 'not_found', sentence: 'No such group in Entra or team in Pulumi.' };
  const open = findings.filter((f) => !f.resolvedAt);
  for (const [kind, code] of findingVerdicts) {
    const finding = open.find((f) => f.kind === kind);
    if (!finding) continue;
    const failing = timeline.find((e) => e.status === 'failure');
    if (code === 'failed' || (code === 'not_yet_provisioned' && failing))
      return failedVerdict(name, finding.cause ?? failing?.cause ?? null, timeline);
    return { code, sentence: sentences[code](name, counts) };
  }
  if (!entra || !(entra.assigned || entra.syncAll))
    return { code: 'not_assigned', sentence: sentences.not_assigned(name, counts) };
  if (!team) return { code: 'not_yet_provisioned', sentence: sentences.not_yet_provisioned(name, counts) };
  return { code: 'in_sync', sentence: sentences.in_sync(name, counts) };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const sentences: Record<
  Exclude<GroupVerdict, 'failed' | 'not_found'>,
  (n: string, c: Record<GroupMemberState, number>) => string
> = {
  in_sync: (n) => `${n} is a Pulumi team holding the group's members, and nothing about it is open.`,
  not_assigned: (n) =>
    `${n} is not assigned to the Pulumi app, so Entra pushes no team for it (members assigned another way are still provisioned).`,
  not_yet_provisioned: (n) => `${n} is assigned, but no provisioning cycle has created its team yet.`,
  name_too_long: (n) =>
    `${n}'s name is longer than Pulumi accepts for a team name, so every push of it fails: shorten the group's name in Entra.`,
  push_blocked: (n, c) =>
    `${n}'s team cannot be updated: Pulumi accepts a team's members all or nothing, and ${plural(c.not_provisioned + c.inactive, 'member')} ${c.not_provisioned + c.inactive === 1 ? 'has' : 'have'} no active Pulumi account.`,
  members_differ: (n, c) =>
    `${n}'s team differs from the group: ${plural(c.missing, 'member')} missing from the team, ${plural(c.extra, 'account')} in the team but not the group.`,
  name_mismatch: (n) => `${n}'s team in Pulumi carries another name than the group in Entra.`,
  name_collision: (n) =>
    `${n} has the name of a Pulumi team Entra did not make, so Pulumi refuses the SCIM team: rename one of them.`,
  not_deprovisioned: (n) =>
    `${n} is no longer assigned or was deleted in Entra, yet its team is still in Pulumi.`,
};

function readEntraGroup(db: Database.Database, entraId: string): Entra | null {
  const group = db
    .prepare(`SELECT display_name AS displayName FROM entra_groups WHERE id = ?`)
    .get(entraId) as { displayName: string | null } | undefined;
  if (!group) return null;
  const assigned =
    db
      .prepare(`SELECT 1 FROM entra_assignments WHERE principal_id = ? AND principal_type = 'Group'`)
      .get(entraId) !== undefined;
  const userMembers = db
    .prepare(`SELECT count(*) FROM entra_group_members WHERE group_id = ? AND member_type = 'user'`)
    .pluck()
    .get(entraId) as number;
  const nestedGroups = db
    .prepare(
      `SELECT m.member_id AS id, g.display_name AS displayName FROM entra_group_members m
         LEFT JOIN entra_groups g ON g.id = m.member_id
        WHERE m.group_id = ? AND m.member_type = 'group' ORDER BY 2`,
    )
    .all(entraId) as Entra['nestedGroups'];
  return {
    displayName: group.displayName,
    assigned,
    syncAll: latestSecrets(db).get('SyncAll')?.toLowerCase() === 'true',
    userMembers,
    nestedGroups,
  };
}

/** The SCIM team: by the link the log taught, else by name (Entra's own rule for groups), else as asked. */
function readTeam(
  db: Database.Database,
  entraId: string,
  name: string | null,
  scimId: string | null,
): Team | null {
  const row = db
    .prepare(
      `SELECT p.id AS scimId, p.display_name AS name, l.learned_from AS linkedBy,
              (SELECT count(*) FROM pulumi_group_members m WHERE m.group_id = p.id) AS members
         FROM pulumi_groups p LEFT JOIN identity_links l ON l.object_type = 'group' AND l.scim_id = p.id
        WHERE l.entra_id = @entraId OR p.id = @scimId OR p.display_name = @name
        ORDER BY l.entra_id = @entraId DESC, p.id = @scimId DESC LIMIT 1`,
    )
    .get({ entraId, scimId, name }) as Omit<Team, 'kind'> | undefined;
  if (!row) return null;
  const restRead = new PollState(db).lastSuccessAt('pulumi.rest') !== null;
  const kind = restRead
    ? ((db
        .prepare(
          `SELECT kind FROM pulumi_teams WHERE lower(display_name) = lower(?) ORDER BY kind = 'scim' DESC`,
        )
        .pluck()
        .get(row.name) as string | null | undefined) ?? null)
    : null;
  return { ...row, kind };
}

interface MemberRow {
  entraId: string;
  name: string;
  scimId: string | null;
}

/** The group's direct user members against the team, stated by the open member findings. */
function compareMembers(
  db: Database.Database,
  entraId: string,
  teamId: string | null,
  findings: FindingRecord[],
): GroupExplanation['evidence']['members'] {
  const stated = new Map<string, GroupMemberState>();
  const extra: GroupMember[] = [];
  for (const f of findings) {
    if (f.resolvedAt) continue;
    const memberId = typeof f.evidence.memberId === 'string' ? f.evidence.memberId : null;
    if (f.kind === 'team.member_missing' && memberId) stated.set(memberId, 'missing');
    if (f.kind === 'team.member_not_provisioned' && memberId)
      stated.set(
        memberId,
        f.evidence.memberState === 'inactive Pulumi account' ? 'inactive' : 'not_provisioned',
      );
    if (f.kind === 'team.member_extra')
      extra.push({
        entraId: null,
        scimId: typeof f.evidence.memberScimId === 'string' ? f.evidence.memberScimId : null,
        name: typeof f.evidence.member === 'string' ? f.evidence.member : '',
        state: 'extra',
      });
  }
  const held = new Set(
    teamId
      ? (db
          .prepare(`SELECT member_id FROM pulumi_group_members WHERE group_id = ?`)
          .pluck()
          .all(teamId) as string[])
      : [],
  );
  const rows = db
    .prepare(
      `SELECT m.member_id AS entraId,
              coalesce(u.display_name, u.user_principal_name, m.member_id) AS name,
              coalesce(l.scim_id, (SELECT p.id FROM pulumi_users p
                                    WHERE lower(p.user_name) = lower(u.user_principal_name))) AS scimId
         FROM entra_group_members m
         LEFT JOIN entra_users u ON u.id = m.member_id
         LEFT JOIN identity_links l ON l.object_type = 'user' AND l.entra_id = m.member_id
        WHERE m.group_id = ? AND m.member_type = 'user'`,
    )
    .all(entraId) as MemberRow[];
  const members: GroupMember[] = rows.map((row) => ({
    ...row,
    state: stated.get(row.entraId) ?? (row.scimId && held.has(row.scimId) ? 'in_team' : 'not_pushed'),
  }));
  members.push(...extra);
  const counts = Object.fromEntries(groupMemberStates.map((s) => [s, 0])) as Record<GroupMemberState, number>;
  for (const m of members) counts[m.state] += 1;
  const order = (m: GroupMember) => (m.state === 'in_team' ? 2 : m.state === 'not_pushed' ? 1 : 0);
  members.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  return { counts, listed: members.slice(0, listedCap), total: members.length };
}
