import type { ReconcileInput } from './reconcile-input';

/** Who and what Entra intends to provision, and how it treats those who leave. */
export interface Scope {
  syncAll: boolean;
  /** SkipOutOfScopeDeletions "True": users who leave scope are deliberately left active. */
  skipOutOfScopeDeletions: boolean;
  users: Set<string>;
  groups: Set<string>;
}

/**
 * Scope as Entra computes it: with "Sync only assigned users and groups", the assigned users and the
 * direct user members of assigned groups (nested groups are not expanded); SyncAll widens it to
 * every user and group.
 */
export function computeScope(input: ReconcileInput): Scope {
  const syncAll = input.secrets.get('SyncAll')?.toLowerCase() === 'true';
  const skipOutOfScopeDeletions = input.secrets.get('SkipOutOfScopeDeletions')?.toLowerCase() === 'true';
  if (syncAll) {
    return {
      syncAll,
      skipOutOfScopeDeletions,
      users: new Set(input.entraUsers.map((u) => u.id)),
      groups: new Set(input.entraGroups.map((g) => g.id)),
    };
  }
  const known = new Set(input.entraUsers.map((u) => u.id));
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const assignment of input.assignments) {
    if (assignment.principalType === 'User' && known.has(assignment.principalId))
      users.add(assignment.principalId);
    if (assignment.principalType === 'Group') groups.add(assignment.principalId);
  }
  for (const member of input.groupMembers) {
    if (member.memberType === 'user' && groups.has(member.groupId) && known.has(member.memberId))
      users.add(member.memberId);
  }
  return { syncAll, skipOutOfScopeDeletions, users, groups };
}
