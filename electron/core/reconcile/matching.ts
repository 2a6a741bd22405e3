import { provisioningUpn } from '../../../shared/entra-rules';
import type { EntraUserRow, NamedRow, PulumiUserRow, ReconcileInput } from './reconcile-input';

export type MatchedBy = 'link' | 'userName' | 'email' | 'displayName';

/** A one-to-one pairing of Entra objects with SCIM resources. */
export interface Pairing<P> {
  byEntra: Map<string, P>;
  /** SCIM id → Entra id (for links: even when the Entra object no longer exists). */
  entraOf: Map<string, string>;
  how: Map<string, MatchedBy>;
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
  keys: { by: MatchedBy; entraKey: (e: E) => string | null; scimKey: (p: P) => string | null }[],
): Pairing<P> {
  const scimById = new Map(scim.map((p) => [p.id, p]));
  const result: Pairing<P> = { byEntra: new Map(), entraOf: new Map(), how: new Map() };
  const take = (entraId: string, resource: P, by: MatchedBy) => {
    result.byEntra.set(entraId, resource);
    result.entraOf.set(resource.id, entraId);
    result.how.set(entraId, by);
  };
  // Strongest first: what Entra itself linked (the log), even to an Entra object since deleted.
  for (const [entraId, scimId] of links) {
    const resource = scimById.get(scimId);
    if (resource && !result.entraOf.has(scimId)) take(entraId, resource, 'link');
  }
  for (const { by, entraKey, scimKey } of keys) {
    const free = indexBy(
      scim.filter((p) => !result.entraOf.has(p.id)),
      scimKey,
    );
    for (const object of entra) {
      if (result.byEntra.has(object.id)) continue;
      const key = entraKey(object);
      const resource = key ? free.get(key) : undefined;
      if (!resource || result.entraOf.has(resource.id)) continue;
      take(object.id, resource, by);
    }
  }
  return result;
}

/** Users: identity links from the log, then SCIM userName = UPN, then work email = mail. */
export function matchUsers(input: ReconcileInput): Pairing<PulumiUserRow> {
  const links = new Map(input.links.filter((l) => l.objectType === 'user').map((l) => [l.entraId, l.scimId]));
  return pair<EntraUserRow, PulumiUserRow>(input.entraUsers, input.pulumiUsers, links, [
    {
      by: 'userName',
      entraKey: (u) => lower(u.userPrincipalName && provisioningUpn(u.userPrincipalName)),
      scimKey: (p) => lower(p.userName),
    },
    { by: 'email', entraKey: (u) => lower(u.mail), scimKey: (p) => lower(p.email) },
  ]);
}

/** Groups: identity links from the log, then display name (Entra's own matching rule for groups). */
export function matchGroups(input: ReconcileInput, inScope: Set<string>): Pairing<NamedRow> {
  const links = new Map(
    input.links.filter((l) => l.objectType === 'group').map((l) => [l.entraId, l.scimId]),
  );
  // Only groups Entra provisions look for a team by name; any other team is Pulumi's own business.
  const candidates = input.entraGroups.filter((g) => inScope.has(g.id));
  return pair<NamedRow, NamedRow>(candidates, input.pulumiGroups, links, [
    { by: 'displayName', entraKey: (g) => lower(g.displayName), scimKey: (p) => lower(p.displayName) },
  ]);
}
