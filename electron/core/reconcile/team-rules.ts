import { cloudTeamNameLimit, selfHostedTeamNameLimit } from '../../../shared/pulumi-rules';
import { reportedNameLimit } from '../provisioning/classify-cause';
import type { ObjectRule } from './live-schema';
import type { NamedRow } from './reconcile-input';
import type { RuleContext } from './rule-context';
import { scopeIn, scopeUnknown } from './scope';

/** The strictest team-name limit Pulumi itself reported in a failure, if any. */
function observedLimit(context: RuleContext): number | null {
  let limit: number | null = null;
  for (const outcome of context.failures.values()) {
    if (outcome.cause !== 'team_name_too_long') continue;
    const reported = reportedNameLimit(outcome.reason);
    if (reported && (limit === null || reported < limit)) limit = reported;
  }
  return limit;
}

type TeamSubject = { entraId: string; scimId: string | undefined; displayName: string };

/** Names Pulumi refuses or ignores: over the length limit, and nested groups Entra never pushes. */
function namingChecks(
  context: RuleContext,
  group: NamedRow,
  subject: TeamSubject,
  limits: { hard: number; reported: number | null },
  entraGroups: Map<string, NamedRow>,
): void {
  const { findings, settings, input } = context;
  const name = group.displayName ?? '';
  if (name.length > limits.hard)
    findings.add('team.name_too_long', subject, {
      name,
      length: name.length,
      limit: limits.hard,
      reportedLimit: limits.reported,
    });
  else if (settings.pulumiSelfHosted && name.length > selfHostedTeamNameLimit)
    findings.add(
      'team.name_too_long',
      subject,
      { name, length: name.length, limit: selfHostedTeamNameLimit, reportedLimit: limits.reported },
      { severity: 'warning' },
    );
  const nested = input.nestedGroups.get(group.id) ?? [];
  if (nested.length)
    findings.add('team.nested_members_ignored', subject, {
      nestedCount: nested.length,
      nestedGroups: nested.map((id) => entraGroups.get(id)?.displayName ?? id),
    });
}

/**
 * Members, the group's against the team's. Stamps instead of per-team sets: the stamp of a team
 * marks who it holds and who it should, with half a million memberships at scale. Names and
 * subjects are built only for a finding.
 */
class MemberComparison {
  private readonly held: Int32Array;
  private readonly intended: Int32Array;
  private stamp = 0;

  constructor(private readonly context: RuleContext) {
    this.held = new Int32Array(context.input.pulumiUsers.length);
    this.intended = new Int32Array(context.input.pulumiUsers.length);
  }

  compare(group: NamedRow, team: NamedRow, subject: TeamSubject): void {
    const { input, scope, users } = this.context;
    const { held, intended } = this;
    const stamp = ++this.stamp;
    const members = input.teamMembers.get(team.id) ?? { known: new Int32Array(0), unknown: [] };
    for (const p of members.known) held[p] = stamp;
    for (const u of input.userMembers.get(group.id) ?? []) {
      const p = users.pulumiOf[u] ?? -1;
      if (scope.userFlags[u] !== scopeIn) {
        // Behind a scoping filter: neither missing from the team nor extra in it.
        if (scope.userFlags[u] === scopeUnknown && p >= 0) intended[p] = stamp;
        continue;
      }
      if (p >= 0) {
        intended[p] = stamp;
        // Pulumi validates a team's members all or nothing: an inactive account blocks the whole push.
        const blocks = !input.pulumiUsers[p]?.active;
        if (held[p] !== stamp)
          this.memberFinding(
            subject,
            blocks ? 'team.member_not_provisioned' : 'team.member_missing',
            u,
            blocks,
          );
      }
      // A disabled user is never created, so Entra leaves them out of the team without failing.
      else if (input.entraUsers[u]?.accountEnabled !== 0)
        this.memberFinding(subject, 'team.member_not_provisioned', u);
    }
    for (const p of members.known) if (intended[p] !== stamp) this.extraFinding(subject, p);
    for (const scimId of members.unknown) this.extraFinding(subject, -1, scimId);
  }

  private memberFinding(
    subject: TeamSubject,
    kind: 'team.member_not_provisioned' | 'team.member_missing',
    u: number,
    inactiveAccount = false,
  ): void {
    const user = this.context.input.entraUsers[u];
    const memberId = user?.id ?? '';
    this.context.findings.add(
      kind,
      { ...subject, part: memberId },
      {
        member: user?.displayName || user?.userPrincipalName || memberId,
        memberState:
          kind === 'team.member_missing'
            ? 'in the group, not in the team'
            : inactiveAccount
              ? 'inactive Pulumi account'
              : 'no Pulumi account',
        memberId,
      },
      inactiveAccount ? { fixId: 'reactivate-team-member' } : {},
    );
  }

  /** p: the member's index into Pulumi's user list, or -1 for an id the list lacks. */
  private extraFinding(
    subject: TeamSubject,
    p: number,
    scimId = this.context.input.pulumiUsers[p]?.id ?? '',
  ): void {
    const { input, users, findings } = this.context;
    const user = input.entraUsers[users.entraOf[p] ?? -1];
    const account = input.pulumiUsers[p];
    findings.add(
      'team.member_extra',
      { ...subject, part: scimId },
      {
        member: user?.displayName || account?.userName || scimId,
        memberState: 'in the team, not in the group',
        memberScimId: scimId,
      },
    );
  }
}

/** A team Entra made (linked in the log) for a group no longer assigned or deleted: the next cycle deletes it. */
function teamsToDeprovision(context: RuleContext, entraGroups: Map<string, NamedRow>): void {
  const { scope, groups, findings } = context;
  for (const [scimId, entraId] of groups.entraOf) {
    if (scope.groups.has(entraId)) continue;
    const team = groups.byEntra.get(entraId);
    findings.add(
      'team.not_deprovisioned',
      { entraId, scimId, displayName: team?.displayName ?? scimId },
      {
        entra: entraGroups.has(entraId) ? { assigned: false } : { deleted: true },
        pulumi: { name: team?.displayName },
      },
    );
  }
}

/** One assigned group against its team: present, named as in Entra, holding the group's members. */
function teamState(
  context: RuleContext,
  rule: ObjectRule,
  group: NamedRow,
  team: NamedRow | undefined,
  subject: TeamSubject,
  members: MemberComparison,
  foreignTeams: Set<string>,
): void {
  const { findings } = context;
  const name = group.displayName ?? '';
  if (!team) {
    if (rule.flowTypes.has('Add')) findings.add('team.missing_in_pulumi', subject, { name, pulumi: null });
    return;
  }
  if (rule.flowTypes.has('Update') && team.displayName !== name)
    findings.add('team.name_mismatch', subject, { expected: name, actual: team.displayName });
  if (foreignTeams.has((team.displayName ?? '').toLowerCase()))
    findings.add('team.name_collision', subject, { name: team.displayName, pulumiTeamKind: 'not SCIM' });
  const pushesMembers = rule.attributes.some((a) => a.target === 'members');
  if (pushesMembers && rule.flowTypes.has('Update')) members.compare(group, team, subject);
}

/** Teams: assigned groups against Pulumi's teams — existence, name, members, and names Pulumi refuses. */
export function teamRules(context: RuleContext): void {
  const { input, scope, groups } = context;
  const rule = context.schema?.groups;
  if (!rule?.enabled) return;
  const reported = observedLimit(context);
  const limits = { hard: Math.min(cloudTeamNameLimit, reported ?? cloudTeamNameLimit), reported };
  const members = new MemberComparison(context);
  const entraGroups = new Map(input.entraGroups.map((g) => [g.id, g]));
  const foreignTeams = new Set(
    (input.pulumiTeams ?? [])
      .filter((t) => t.kind !== 'scim')
      .map((t) => (t.displayName ?? '').toLowerCase()),
  );
  for (const group of input.entraGroups) {
    if (!scope.groups.has(group.id)) continue;
    const team = groups.byEntra.get(group.id);
    const subject = { entraId: group.id, scimId: team?.id, displayName: group.displayName || group.id };
    namingChecks(context, group, subject, limits, entraGroups);
    // Behind a group scoping filter, whether the team should exist is unknown: only its name is checked.
    if (context.pulumiKnown && !scope.groupsUnknown)
      teamState(context, rule, group, team, subject, members, foreignTeams);
  }
  if (context.pulumiKnown && rule.flowTypes.has('Delete')) teamsToDeprovision(context, entraGroups);
}
