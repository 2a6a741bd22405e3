import { cloudTeamNameLimit, selfHostedTeamNameLimit } from '../../../shared/pulumi-rules';
import { reportedNameLimit } from '../collectors/classify-cause';
import type { RuleContext } from './rule-context';

/** The strictest team-name limit Pulumi itself reported in a failure, if any. */
function observedLimit(context: RuleContext): number | null {
  let limit: number | null = null;
  for (const outcome of context.outcomes.values()) {
    if (outcome.cause !== 'team_name_too_long') continue;
    const reported = reportedNameLimit(outcome.reason);
    if (reported && (limit === null || reported < limit)) limit = reported;
  }
  return limit;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Teams: assigned groups against Pulumi's teams — existence, name, members, and names Pulumi refuses. */
export function teamRules(context: RuleContext): void {
  const { input, scope, users, groups, findings, settings } = context;
  const rule = context.schema?.groups;
  if (!rule?.enabled) return;
  const pushesMembers = rule.attributes.some((a) => a.target === 'members');
  const reported = observedLimit(context);
  const hardLimit = Math.min(cloudTeamNameLimit, reported ?? cloudTeamNameLimit);
  const membersOf = groupBy(input.groupMembers, (m) => m.groupId);
  const pulumiMembersOf = groupBy(input.pulumiGroupMembers, (m) => m.groupId);
  const entraUsers = new Map(input.entraUsers.map((u) => [u.id, u]));
  const pulumiUsers = new Map(input.pulumiUsers.map((p) => [p.id, p]));
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

    const members = membersOf.get(group.id) ?? [];
    const nested = members.filter((m) => m.memberType === 'group');
    if (nested.length)
      findings.add('team.nested_members_ignored', subject, {
        nestedCount: nested.length,
        nestedGroups: nested.map((m) => entraGroups.get(m.memberId)?.displayName ?? m.memberId),
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

    const intended = members.filter((m) => m.memberType === 'user' && scope.users.has(m.memberId));
    const held = new Set((pulumiMembersOf.get(team.id) ?? []).map((m) => m.memberId));
    const intendedScimIds = new Set<string>();
    for (const { memberId } of intended) {
      const user = entraUsers.get(memberId);
      const member = user?.displayName || user?.userPrincipalName || memberId;
      const account = users.byEntra.get(memberId);
      const part = { ...subject, part: memberId };
      if (account) intendedScimIds.add(account.id);
      // A disabled user is never created, so Entra leaves them out of the team without failing.
      if (!account && user?.accountEnabled !== 0)
        findings.add('team.member_not_provisioned', part, {
          member,
          memberState: 'no Pulumi account',
          memberId,
        });
      else if (account && !held.has(account.id))
        findings.add('team.member_missing', part, {
          member,
          memberState: 'in the group, not in the team',
          memberId,
        });
    }
    for (const scimId of held) {
      if (intendedScimIds.has(scimId)) continue;
      const entraId = users.entraOf.get(scimId);
      const user = entraId ? entraUsers.get(entraId) : undefined;
      const account = pulumiUsers.get(scimId);
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
