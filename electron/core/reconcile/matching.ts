import { provisioningUpn } from '../../../shared/entra-rules';
import type { EntraUserRow, NamedRow, PulumiUserRow, ReconcileInput } from './reconcile-input';

/**
 * A one-to-one pairing of Entra objects with SCIM objects by id, for lists small enough to key by
 * string (groups and teams); users pair by index instead (`UserPairing`).
 */
export interface Pairing<P> {
  byEntra: Map<string, P>;
  /** SCIM id → Entra id (for links: even when the Entra object no longer exists). */
  entraOf: Map<string, string>;
}

/**
 * The one-to-one pairing of Entra users with Pulumi accounts, by index into the two user lists: at
 * scale a pairing keyed by id strings cost half a second to build and every rule paid to read it.
 */
export interface UserPairing {
  /** By Entra user index: the paired Pulumi user's index, or -1. */
  pulumiOf: Int32Array;
  /** By Pulumi user index: the paired Entra user's index, or -1 (also for a link to a deleted user). */
  entraOf: Int32Array;
  /** By Pulumi user index: 1 when paired at all, with an existing Entra user or a deleted one. */
  paired: Uint8Array;
  /** Accounts the log links to Entra users that no longer exist: Entra id → Pulumi user index. */
  deletedLinks: Map<string, number>;
  /** How many accounts are paired. */
  size: number;
}

const lower = (value: string | null | undefined) => (value ? value.toLowerCase() : null);

/** Indexes by a lowercase key; the first resource per key wins, so matching is deterministic. */
function indexBy<P extends { id: string }>(items: P[], key: (item: P) => string | null): Map<string, P> {
  const index = new Map<string, P>();
  for (const item of items) {
    const value = key(item);
    if (value && !index.has(value)) index.set(value, item);
  }
  return index;
}

function pair<E extends { id: string }, P extends { id: string }>(
  entra: E[],
  scim: P[],
  links: Map<string, string>,
  keys: { entraKey: (e: E) => string | null; scimKey: (p: P) => string | null }[],
): Pairing<P> {
  const scimById = new Map(scim.map((p) => [p.id, p]));
  const result: Pairing<P> = { byEntra: new Map(), entraOf: new Map() };
  const take = (entraId: string, resource: P) => {
    result.byEntra.set(entraId, resource);
    result.entraOf.set(resource.id, entraId);
  };
  // Strongest first: what Entra itself linked (the log), even to an Entra object since deleted.
  for (const [entraId, scimId] of links) {
    const resource = scimById.get(scimId);
    if (resource && !result.entraOf.has(scimId)) take(entraId, resource);
  }
  for (const { entraKey, scimKey } of keys) {
    const free = indexBy(
      scim.filter((p) => !result.entraOf.has(p.id)),
      scimKey,
    );
    for (const object of entra) {
      if (result.byEntra.has(object.id)) continue;
      const key = entraKey(object);
      const resource = key ? free.get(key) : undefined;
      if (!resource || result.entraOf.has(resource.id)) continue;
      take(object.id, resource);
    }
  }
  return result;
}

interface MatchKeys {
  entra: (user: EntraUserRow) => string | null;
  pulumi: (account: PulumiUserRow) => string | null;
}
const userNameKeys: MatchKeys = {
  entra: (u) => lower(u.userPrincipalName && provisioningUpn(u.userPrincipalName)),
  pulumi: (p) => lower(p.userName),
};
const emailKeys: MatchKeys = { entra: (u) => lower(u.mail), pulumi: (p) => lower(p.email) };

/** Users: identity links from the log, then SCIM userName = UPN, then work email = mail. */
export function matchUsers(input: ReconcileInput): UserPairing {
  const { entraUsers, pulumiUsers } = input;
  const pairing: UserPairing = {
    pulumiOf: new Int32Array(entraUsers.length).fill(-1),
    entraOf: new Int32Array(pulumiUsers.length).fill(-1),
    paired: new Uint8Array(pulumiUsers.length),
    deletedLinks: new Map(),
    size: 0,
  };
  const take = (u: number, p: number) => {
    pairing.pulumiOf[u] = p;
    pairing.entraOf[p] = u;
    pairing.paired[p] = 1;
    pairing.size += 1;
  };
  // Strongest first: what Entra itself linked (the log), even to a user since deleted.
  const { userLinks } = input;
  userLinks.entra.forEach((u, link) => {
    const p = userLinks.pulumi[link] ?? -1;
    if (p < 0 || pairing.paired[p]) return;
    if (u >= 0) take(u, p);
    else {
      pairing.deletedLinks.set(userLinks.goneEntraIds.get(link) ?? '', p);
      pairing.paired[p] = 1;
      pairing.size += 1;
    }
  });
  // Then by key, among those still unpaired; the first account per key wins, so matching is deterministic.
  for (const keys of [userNameKeys, emailKeys]) {
    const free = new Map<string, number>();
    pulumiUsers.forEach((account, p) => {
      const key = pairing.paired[p] ? null : keys.pulumi(account);
      if (key && !free.has(key)) free.set(key, p);
    });
    entraUsers.forEach((user, u) => {
      if ((pairing.pulumiOf[u] ?? -1) >= 0) return;
      const key = keys.entra(user);
      const p = key ? free.get(key) : undefined;
      if (p !== undefined && !pairing.paired[p]) take(u, p);
    });
  }
  return pairing;
}

/** Groups: identity links from the log, then display name (Entra's own matching rule for groups). */
export function matchGroups(input: ReconcileInput, inScope: Set<string>): Pairing<NamedRow> {
  const links = new Map(input.groupLinks.map((l) => [l.entraId, l.scimId]));
  // Only groups Entra provisions look for a team by name; any other team is Pulumi's own business.
  const candidates = input.entraGroups.filter((g) => inScope.has(g.id));
  return pair<NamedRow, NamedRow>(candidates, input.pulumiGroups, links, [
    { entraKey: (g) => lower(g.displayName), scimKey: (p) => lower(p.displayName) },
  ]);
}
