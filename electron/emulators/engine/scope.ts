import type { EmulatedTenant } from '../graph/tenant';

export interface Scope {
  users: Set<string>;
  groups: Set<string>;
}

/**
 * Who Entra provisions: with "Sync only assigned users and groups" (SyncAll false), the assigned users
 * and the direct user members of assigned groups — nested groups are not expanded; SyncAll widens
 * it to every user and group.
 */
export function computeScope(tenant: EmulatedTenant, servicePrincipalId: string, syncAll: boolean): Scope {
  if (syncAll) return { users: new Set(tenant.users.keys()), groups: new Set(tenant.groups.keys()) };
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const assignment of tenant.assignments) {
    if (assignment.resourceId !== servicePrincipalId) continue;
    if (assignment.principalType === 'User') users.add(assignment.principalId);
    else {
      groups.add(assignment.principalId);
      for (const member of tenant.groups.get(assignment.principalId)?.memberIds ?? []) {
        if (tenant.users.has(member)) users.add(member);
      }
    }
  }
  return { users, groups };
}
