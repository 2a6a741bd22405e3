import type { ReconcileInput } from './reconcile-input';

/**
 * Users by index. Memberships arrive as indexes (reconcile-input.ts) because at scale there are half
 * a million on each side and every string-keyed lookup costs about a microsecond; the rules work on
 * typed arrays, and these maps turn the few ids they meet elsewhere into indexes.
 */
export interface MemberIndex {
  /** Entra user id → index into input.entraUsers. */
  userIndex: Map<string, number>;
  /** Pulumi user id → index into input.pulumiUsers. */
  pulumiIndex: Map<string, number>;
}

export function indexMembers(input: ReconcileInput): MemberIndex {
  return {
    userIndex: new Map(input.entraUsers.map((u, i) => [u.id, i])),
    pulumiIndex: new Map(input.pulumiUsers.map((p, i) => [p.id, i])),
  };
}
