import type Database from 'better-sqlite3';

import type { AssignmentPath, NestedPath } from '../../../shared/contract/lookup';
import type { EntraGraph } from '../entra/graph-api';
import { readDocument, saveDocument } from '../store/source-documents-repo';

const documentKey = (entraId: string) => `lookup.nested:${entraId}`;

/** What `nestedPath` last found for this person, if it was asked (read by the query worker). */
export function storedNestedPath(db: Database.Database, entraId: string): NestedPath | null {
  return readDocument<NestedPath>(db, documentKey(entraId));
}

/** At most this many nested groups are read from Graph for one question. */
const maxNestedGroups = 20;

/**
 * Whether a person is inside an assigned group only through a nested group, which Entra's scope
 * ignores. The store holds assigned groups' direct members (subgroups among them), not the subgroups'
 * members: those are read from Graph for this one question (`transitiveMembers` of each subgroup),
 * and the answer says what was read. It is stored, so the query worker's explanation includes it.
 */
export async function nestedPath(
  db: Database.Database,
  graph: EntraGraph,
  entraId: string,
  now: string,
): Promise<NestedPath> {
  const pairs = db
    .prepare(
      `SELECT m.group_id AS assigned, ag.display_name AS assignedName, m.member_id AS nested,
              ng.display_name AS nestedName
         FROM entra_group_members m
         JOIN entra_assignments a ON a.principal_id = m.group_id AND a.principal_type = 'Group'
         LEFT JOIN entra_groups ag ON ag.id = m.group_id
         LEFT JOIN entra_groups ng ON ng.id = m.member_id
        WHERE m.member_type = 'group'
        LIMIT ${maxNestedGroups}`,
    )
    .all() as { assigned: string; assignedName: string | null; nested: string; nestedName: string | null }[];
  const nestedVia: AssignmentPath['nestedVia'] = [];
  const readFromGraph: string[] = [];
  const members = new Map<string, Set<string>>();
  for (const pair of pairs) {
    let inside = members.get(pair.nested);
    if (!inside) {
      const found = await graph.transitiveMembers(pair.nested, ['id']);
      inside = new Set(found.map((o) => String(o.id)));
      members.set(pair.nested, inside);
      readFromGraph.push(
        `the members of ${pair.nestedName ?? pair.nested}, nested in ${pair.assignedName ?? pair.assigned}`,
      );
    }
    if (!inside.has(entraId)) continue;
    // A nested group outside the assigned set is not in the store: its name comes from Graph too.
    let through = pair.nestedName;
    if (!through) {
      const named = await graph.transitiveMembers(pair.assigned, ['id', 'displayName']);
      const group = named.find((o) => String(o.id) === pair.nested);
      through = typeof group?.displayName === 'string' ? group.displayName : pair.nested;
      readFromGraph.push(`the groups nested in ${pair.assignedName ?? pair.assigned}`);
    }
    nestedVia.push({ id: pair.assigned, displayName: pair.assignedName, through });
  }
  const found = { nestedVia, readFromGraph };
  saveDocument(db, documentKey(entraId), found, now);
  return found;
}
