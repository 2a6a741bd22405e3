import type { LiveSchema } from './live-schema';
import type { ReconcileInput } from './reconcile-input';

/** A user's place in Entra's scope: out, in, or in by assignment but behind a filter ScimWatch cannot evaluate. */
export const scopeOut = 0;
export const scopeIn = 1;
export const scopeUnknown = 2;

/** Who and what Entra intends to provision, and how it treats those who leave. */
export interface Scope {
  syncAll: boolean;
  /** SkipOutOfScopeDeletions "True": users who leave scope are deliberately left active. */
  skipOutOfScopeDeletions: boolean;
  /** Each user's scope (scopeOut, scopeIn, scopeUnknown), by index into input.entraUsers. */
  userFlags: Uint8Array;
  /** Groups in scope (by assignment, or all with SyncAll). */
  groups: Set<string>;
  /** A scoping filter on the group mapping: whether a group in `groups` is really in scope is unknown. */
  groupsUnknown: boolean;
}

/**
 * Scope as Entra computes it: with "Sync only assigned users and groups", the assigned users and the
 * direct user members of assigned groups (nested groups are not expanded); SyncAll widens it to
 * every user and group. A scoping filter can only narrow it, and ScimWatch does not evaluate filters:
 * whoever it would otherwise put in scope has an unknown scope, and no rule claims they are missing,
 * extra or due for removal. Every rule reads scope from here.
 */
export function computeScope(
  input: ReconcileInput,
  userIndex: Map<string, number>,
  schema: LiveSchema | null,
): Scope {
  const syncAll = input.secrets.get('SyncAll')?.toLowerCase() === 'true';
  const skipOutOfScopeDeletions = input.secrets.get('SkipOutOfScopeDeletions')?.toLowerCase() === 'true';
  const inFlag = schema?.users?.scopingFilter ? scopeUnknown : scopeIn;
  const userFlags = new Uint8Array(input.entraUsers.length);
  const groups = new Set<string>();
  if (syncAll) {
    userFlags.fill(inFlag);
    for (const group of input.entraGroups) groups.add(group.id);
  } else {
    for (const assignment of input.assignments) {
      const user = userIndex.get(assignment.principalId);
      if (assignment.principalType === 'User' && user !== undefined) userFlags[user] = inFlag;
      if (assignment.principalType === 'Group') groups.add(assignment.principalId);
    }
    for (const groupId of groups)
      for (const user of input.userMembers.get(groupId) ?? []) userFlags[user] = inFlag;
  }
  return {
    syncAll,
    skipOutOfScopeDeletions,
    userFlags,
    groups,
    groupsUnknown: schema?.groups?.scopingFilter ?? false,
  };
}
