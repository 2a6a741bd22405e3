import type { ReconcileInput } from './reconcile-input';

/**
 * Entra users by id. Memberships and links arrive as indexes (keyed-reads.ts) because at scale there
 * are half a million memberships on each side and every string-keyed lookup costs about a
 * microsecond; the rules work on typed arrays, and this map turns the few ids they meet elsewhere
 * (assignments, failed log entries) into indexes.
 */
export interface MemberIndex {
  /** Entra user id → index into input.entraUsers. */
  userIndex: Map<string, number>;
}

export function indexMembers(input: ReconcileInput): MemberIndex {
  return { userIndex: new Map(input.entraUsers.map((u, i) => [u.id, i])) };
}
