import type Database from 'better-sqlite3';

import type { LookupMatch } from '../../../shared/contract/lookup';

const maxMatches = 20;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * People and groups matching what was typed: an Entra or SCIM id, a UPN (guests' `#EXT#` ones
 * included), an email or a Pulumi userName exactly; otherwise names and UPNs starting with it. Exact
 * matches come first; a Pulumi user appears on its own only when no Entra person is linked to it.
 */
export function findSubjects(db: Database.Database, typed: string): LookupMatch[] {
  const text = typed.trim();
  if (!text) return [];
  // SQLite's lower() folds ASCII only; folding the same way here keeps the indexed ranges exact.
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const users = db.prepare(
    `SELECT 'user' AS kind, u.id AS entraId, l.scim_id AS scimId, u.display_name AS displayName,
            u.user_principal_name AS userPrincipalName, u.mail
       FROM entra_users u LEFT JOIN identity_links l ON l.object_type = 'user' AND l.entra_id = u.id
      WHERE u.id = @id OR lower(u.user_principal_name) = @lower OR lower(u.mail) = @lower
         OR u.id IN (SELECT entra_id FROM identity_links WHERE scim_id = @id)
      UNION ALL
     SELECT 'user', u.id, l.scim_id, u.display_name, u.user_principal_name, u.mail
       FROM entra_users u LEFT JOIN identity_links l ON l.object_type = 'user' AND l.entra_id = u.id
      WHERE lower(u.user_principal_name) >= @lower AND lower(u.user_principal_name) < @upper
      UNION ALL
     SELECT 'user', u.id, l.scim_id, u.display_name, u.user_principal_name, u.mail
       FROM entra_users u LEFT JOIN identity_links l ON l.object_type = 'user' AND l.entra_id = u.id
      WHERE lower(u.display_name) >= @lower AND lower(u.display_name) < @upper
      LIMIT ${maxMatches * 3}`,
  );
  const groups = db.prepare(
    `SELECT 'group' AS kind, g.id AS entraId, l.scim_id AS scimId, g.display_name AS displayName,
            NULL AS userPrincipalName, NULL AS mail
       FROM entra_groups g LEFT JOIN identity_links l ON l.object_type = 'group' AND l.entra_id = g.id
      WHERE g.id = @id OR (lower(g.display_name) >= @lower AND lower(g.display_name) < @upper)
      LIMIT ${maxMatches}`,
  );
  const pulumiOnly = db.prepare(
    `SELECT 'pulumi_user' AS kind, NULL AS entraId, p.id AS scimId, p.display_name AS displayName,
            p.user_name AS userPrincipalName, p.email AS mail
       FROM pulumi_users p
      WHERE (p.id = @id OR lower(p.email) = @lower
             OR (lower(p.user_name) >= @lower AND lower(p.user_name) < @upper))
        AND NOT EXISTS (SELECT 1 FROM identity_links l WHERE l.scim_id = p.id)
      LIMIT ${maxMatches}`,
  );
  const params = {
    id: uuid.test(text) ? lower : text,
    lower,
    // Above every string that starts with what was typed (UTF-8 compares bytewise; U+10FFFF is the top).
    upper: `${lower}\u{10FFFF}`,
  };
  const seen = new Set<string>();
  const out: LookupMatch[] = [];
  const add = (matches: LookupMatch[]) => {
    for (const match of matches) {
      const key = `${match.kind}:${match.entraId ?? match.scimId}`;
      if (seen.has(key) || out.length === maxMatches) continue;
      seen.add(key);
      out.push(match);
    }
  };
  add(users.all(params) as LookupMatch[]);
  add(groups.all(params) as LookupMatch[]);
  // Unlinked accounts are asked for only while the list has room: a short prefix matches thousands of
  // linked accounts, each of which would be checked for a link only to be dropped.
  if (out.length < maxMatches) add(pulumiOnly.all(params) as LookupMatch[]);
  return out;
}
