import { cloudTeamNameLimit, selfHostedTeamNameLimit } from '../../../shared/pulumi-rules';
import { reportedNameLimit } from '../collectors/classify-cause';
import type { RuleContext } from './rule-context';

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

/** Teams: assigned groups against Pulumi's teams — existence, name, members, and names Pulumi refuses. */
export function teamRules(context: RuleContext): void {
  const { input, scope, users, groups, findings, settings } = context;
  const rule = context.schema?.groups;
  if (!rule?.enabled) return;
  const pushesMembers = rule.attributes.some((a) => a.target === 'members');
  const reported = observedLimit(context);
  const hardLimit = Math.min(cloudTeamNameLimit, reported ?? cloudTeamNameLimit);
  const held = new Int32Array(input.pulumiUsers.length);
  const intended = new Int32Array(input.pulumiUsers.length);
  let stamp = 0;
  // Names and subjects are built only for a finding: there are half a million memberships at scale.
  const memberFinding = (
    subject: { entraId: string; scimId: string | undefined; displayName: string },
    kind: 'team.member_not_provisioned' | 'team.member_missing',
    u: number,
  ) => {
    const user = input.entraUsers[u];
    const memberId = user?.id ?? '';
    findings.add(
      kind,
      { ...subject, part: memberId },
      {
        member: user?.displayName || user?.userPrincipalName || memberId,
        memberState: kind === 'team.member_missing' ? 'in the group, not in the team' : 'no Pulumi account',
        memberId,
      },
    );
  };
  // p: the member's index into Pulumi's user list, or -1 for an id the list lacks.
  const extraFinding = (
    subject: { entraId: string; scimId: string | undefined; displayName: string },
    p: number,
    scimId = input.pulumiUsers[p]?.id ?? '',
  ) => {
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
  };
  const entraGroups = new Map(input.entraGroups.map((g) => [g.id, g]));
  const foreignTeams = new Set(
    (input.pulumiTeams ?? [])
      .filter((t) => t.kind !== 'scim')
      .map((t) => (t.displayName ?? '').toLowerCase()),
  );

  for (const group of input.entraGroups) {
    if (!scope.groups.has(group.id)) continue;
    const name = group.displayName ?? '';
    const team = groups.byEntra.get(group.id);
    const subject = { entraId: group.id, scimId: team?.id, displayName: name || group.id };

    if (name.length > hardLimit)
      findings.add('team.name_too_long', subject, {
        name,
        length: name.length,
        limit: hardLimit,
        reportedLimit: reported,
      });
    else if (settings.pulumiSelfHosted && name.length > selfHostedTeamNameLimit)
      findings.add(
        'team.name_too_long',
        subject,
        { name, length: name.length, limit: selfHostedTeamNameLimit, reportedLimit: reported },
        { severity: 'warning' },
      );

    const nested = input.nestedGroups.get(group.id) ?? [];
    if (nested.length)
      findings.add('team.nested_members_ignored', subject, {
        nestedCount: nested.length,
        nestedGroups: nested.map((id) => entraGroups.get(id)?.displayName ?? id),
      });

    if (!context.pulumiKnown) continue;
    if (!team) {
      if (rule.flowTypes.has('Add')) findings.add('team.missing_in_pulumi', subject, { name, pulumi: null });
      continue;
    }
    if (rule.flowTypes.has('Update') && team.displayName !== name)
      findings.add('team.name_mismatch', subject, { expected: name, actual: team.displayName });
    if (foreignTeams.has((team.displayName ?? '').toLowerCase()))
      findings.add('team.name_collision', subject, { name: team.displayName, pulumiTeamKind: 'not SCIM' });
    if (!pushesMembers || !rule.flowTypes.has('Update')) continue;

    // Stamps instead of per-team sets: the stamp of this team marks who it holds and who it should.
    stamp += 1;
    const members = input.teamMembers.get(team.id) ?? { known: new Int32Array(0), unknown: [] };
    for (const p of members.known) held[p] = stamp;
    for (const u of input.userMembers.get(group.id) ?? []) {
      if (!scope.userFlags[u]) continue;
      const p = users.pulumiOf[u] ?? -1;
      if (p >= 0) {
        intended[p] = stamp;
        if (held[p] !== stamp) memberFinding(subject, 'team.member_missing', u);
      }
      // A disabled user is never created, so Entra leaves them out of the team without failing.
      else if (input.entraUsers[u]?.accountEnabled !== 0)
        memberFinding(subject, 'team.member_not_provisioned', u);
    }
    for (const p of members.known) if (intended[p] !== stamp) extraFinding(subject, p);
    for (const scimId of members.unknown) extraFinding(subject, -1, scimId);
  }

  // A team Entra made (linked in the log) for a group no longer assigned or deleted: the next cycle deletes it.
  if (context.pulumiKnown && rule.flowTypes.has('Delete')) {
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
}
