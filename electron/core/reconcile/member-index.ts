import type { Pairing } from './matching';
import type { PulumiUserRow, ReconcileInput } from './reconcile-input';

/**
 * Memberships as integer indexes. At scale there are half a million on each side, and every
 * string-keyed lookup costs about a microsecond; ids are turned into indexes once, and the rules then
 * work on typed arrays.
 */
export interface MemberIndex {
  /** Entra user id → index into input.entraUsers. */
  userIndex: Map<string, number>;
  /** Pulumi user id → index into input.pulumiUsers. */
  pulumiIndex: Map<string, number>;
  /** Direct user members of each group, as Entra user indexes (ids ScimWatch never read are dropped). */
  groupMembers: Map<string, Int32Array>;
  /** Members of each SCIM group, as Pulumi user indexes; ids Pulumi's user list lacks kept apart. */
  teamMembers: Map<string, { known: Int32Array; unknown: string[] }>;
}

export function indexMembers(input: ReconcileInput): MemberIndex {
  const userIndex = new Map(input.entraUsers.map((u, i) => [u.id, i]));
  const pulumiIndex = new Map(input.pulumiUsers.map((p, i) => [p.id, i]));
  const groupMembers = new Map<string, Int32Array>();
  for (const [groupId, ids] of input.userMembers) {
    const indexes = new Int32Array(ids.length);
    let n = 0;
    for (const id of ids) {
      const i = userIndex.get(id);
      if (i !== undefined) indexes[n++] = i;
    }
    groupMembers.set(groupId, indexes.subarray(0, n));
  }
  const teamMembers = new Map<string, { known: Int32Array; unknown: string[] }>();
  for (const [teamId, ids] of input.teamMembers) {
    const known = new Int32Array(ids.length);
    const unknown: string[] = [];
    let n = 0;
    for (const id of ids) {
      const i = pulumiIndex.get(id);
      if (i === undefined) unknown.push(id);
      else known[n++] = i;
    }
    teamMembers.set(teamId, { known: known.subarray(0, n), unknown });
  }
  return { userIndex, pulumiIndex, groupMembers, teamMembers };
}

/** For each Entra user index, the index of the Pulumi user it is matched with, or -1. */
export function matchedIndexes(
  input: ReconcileInput,
  index: MemberIndex,
  users: Pairing<PulumiUserRow>,
): Int32Array {
  const matched = new Int32Array(input.entraUsers.length).fill(-1);
  input.entraUsers.forEach((user, i) => {
    const account = users.byEntra.get(user.id);
    if (account) matched[i] = index.pulumiIndex.get(account.id) ?? -1;
  });
  return matched;
}
