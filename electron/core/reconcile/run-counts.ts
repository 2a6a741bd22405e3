import type { Finding, FindingCounts, ObjectCounts, RunCounts } from '../../../shared/contract';
import type { RuleContext } from './rule-context';
import { scopeIn } from './scope';

function objectCounts(
  inScope: Set<string>,
  matched: Map<string, unknown>,
  flagged: Set<string>,
): ObjectCounts {
  let matchedCount = 0;
  let inSync = 0;
  for (const id of inScope) {
    if (!matched.has(id)) continue;
    matchedCount += 1;
    if (!flagged.has(id)) inSync += 1;
  }
  return { inScope: inScope.size, matched: matchedCount, inSync };
}

export function countFindings(findings: Finding[]): FindingCounts {
  const counts: FindingCounts = {
    total: 0,
    roots: 0,
    byKind: {},
    bySeverity: { error: 0, warning: 0, info: 0 },
    unknownCauses: 0,
  };
  for (const finding of findings) {
    counts.total += 1;
    if (!finding.rootKey) counts.roots += 1;
    counts.byKind[finding.kind] = (counts.byKind[finding.kind] ?? 0) + 1;
    counts.bySeverity[finding.severity] += 1;
    if (finding.kind === 'provisioning.failure' && finding.cause === 'unknown') counts.unknownCauses += 1;
  }
  return counts;
}

function userCounts(context: RuleContext, flagged: Set<string>): ObjectCounts {
  const { input, scope, users } = context;
  let inScope = 0;
  let matched = 0;
  let inSync = 0;
  input.entraUsers.forEach((user, u) => {
    if (scope.userFlags[u] !== scopeIn) return;
    inScope += 1;
    if ((users.pulumiOf[u] ?? -1) < 0) return;
    matched += 1;
    if (!flagged.has(user.id)) inSync += 1;
  });
  return { inScope, matched, inSync };
}

/** A run's counts: per object type in scope, matched, in sync (no open error or warning), and findings. */
export function countRun(context: RuleContext, findings: Finding[]): RunCounts {
  const flagged = new Set<string>();
  for (const finding of findings)
    if (finding.severity !== 'info' && finding.entraId) flagged.add(finding.entraId);
  const existingGroups = new Set(context.input.entraGroups.map((g) => g.id));
  const groupsInScope = new Set([...context.scope.groups].filter((id) => existingGroups.has(id)));
  return {
    users: userCounts(context, flagged),
    teams: objectCounts(groupsInScope, context.groups.byEntra, flagged),
    findings: countFindings(findings),
  };
}
