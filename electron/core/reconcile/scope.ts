import type { ReconcileInput } from './reconcile-input';

/** Who and what Entra intends to provision, and how it treats those who leave. */
export interface Scope {
  syncAll: boolean;
  /** SkipOutOfScopeDeletions "True": users who leave scope are deliberately left active. */
  skipOutOfScopeDeletions: boolean;
  /** The users in scope, as flags by index into input.entraUsers. */
  userFlags: Uint8Array;
  groups: Set<string>;
}

/**
 * Scope as Entra computes it: with "Sync only assigned users and groups", the assigned users and the
 * direct user members of assigned groups (nested groups are not expanded); SyncAll widens it to
 * every user and group.
 */
export function computeScope(input: ReconcileInput, userIndex: Map<string, number>): Scope {
  const syncAll = input.secrets.get('SyncAll')?.toLowerCase() === 'true';
  const skipOutOfScopeDeletions = input.secrets.get('SkipOutOfScopeDeletions')?.toLowerCase() === 'true';
  const userFlags = new Uint8Array(input.entraUsers.length);
  const groups = new Set<string>();
  if (syncAll) {
    userFlags.fill(1);
    for (const group of input.entraGroups) groups.add(group.id);
  } else {
    for (const assignment of input.assignments) {
      const user = userIndex.get(assignment.principalId);
      if (assignment.principalType === 'User' && user !== undefined) userFlags[user] = 1;
      if (assignment.principalType === 'Group') groups.add(assignment.principalId);
    }
    for (const groupId of groups)
      for (const user of input.userMembers.get(groupId) ?? []) userFlags[user] = 1;
  }
  return { syncAll, skipOutOfScopeDeletions, userFlags, groups };
}
