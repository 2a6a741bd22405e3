import type Database from 'better-sqlite3';

/**
 * Reads that name users by their stored object key (migration 5) and turn keys into indexes of the
 * user lists reconciliation holds. At scale half a million memberships and a hundred thousand links
 * per side would otherwise cross into JavaScript as text ids and be hashed again; these cross as one
 * string of numbers per group (or per table) instead.
 */

/** Reads "3,17,42" (SQLite's group_concat of integers) without creating a string per number. */
export function parseIntegers(text: string | null): Int32Array {
  if (!text) return new Int32Array(0);
  const out: number[] = [];
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out.push(value);
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  out.push(value);
  return Int32Array.from(out);
}

/** Where each key sits in a user list: positions[key] is the index, or -1. */
export type Positions = Int32Array;

/** A row read with its stored object key. */
export interface Keyed {
  key: number;
}

export function positionsOf(rows: readonly Keyed[]): Positions {
  const positions = new Int32Array(rows.reduce((max, row) => Math.max(max, row.key), 0) + 1).fill(-1);
  rows.forEach((row, i) => (positions[row.key] = i));
  return positions;
}

const positionOf = (positions: Positions, key: number) =>
  key < positions.length ? (positions[key] ?? -1) : -1;

/** The ids of keys, for the few members or links a user list lacks. */
export function idsOfKeys(db: Database.Database, keys: number[]): Map<number, string> {
  if (!keys.length) return new Map();
  const rows = db
    .prepare<[string], [number, string]>(
      'SELECT key, id FROM object_keys WHERE key IN (SELECT value FROM json_each(?))',
    )
    .raw(true)
    .all(JSON.stringify(keys));
  return new Map(rows);
}

export interface KeyedMembers {
  /** Indexes into the user list. */
  known: Int32Array;
  /** Keys of members the user list does not hold. */
  unknownKeys: number[];
}

/** Each group's members from one scan of a membership table, split by whether the user list holds them. */
export function keyedMembers(
  db: Database.Database,
  members: 'entra_group_members' | 'pulumi_group_members',
  where: string,
  positions: Positions,
): Map<string, KeyedMembers> {
  const rows = db
    .prepare<[], [string, string]>(
      `SELECT group_id, group_concat(member_key) FROM ${members} ${where} GROUP BY group_id`,
    )
    .raw(true)
    .all();
  return new Map(
    rows.map(([group, keys]) => {
      const known = parseIntegers(keys);
      const unknownKeys: number[] = [];
      let held = 0;
      for (const key of known) {
        const position = positionOf(positions, key);
        if (position >= 0) known[held++] = position;
        else unknownKeys.push(key);
      }
      return [group, { known: known.subarray(0, held), unknownKeys }];
    }),
  );
}

/** Users' identity links from the log, in the order they were learned, as indexes of both user lists. */
export interface UserLinks {
  /** Per link: the Entra user's index, or -1 when the directory no longer holds that user. */
  entra: Int32Array;
  /** Per link: the Pulumi account's index, or -1 when Pulumi no longer lists it. */
  pulumi: Int32Array;
  /** For links to an account Pulumi lists whose Entra user is gone: link number → the Entra id. */
  goneEntraIds: Map<number, string>;
}

export function userLinksOf(db: Database.Database, entra: Positions, pulumi: Positions): UserLinks {
  // A scan in rowid order (the order learned) costs a fifth of filtering by type through the index and sorting.
  const [entraKeys, scimKeys] = db
    .prepare<[], [string | null, string | null]>(
      `SELECT group_concat(iif(object_type = 'user', entra_key, NULL)),
              group_concat(iif(object_type = 'user', scim_key, NULL))
         FROM (SELECT object_type, entra_key, scim_key FROM identity_links ORDER BY rowid)`,
    )
    .raw(true)
    .get() ?? [null, null];
  const links: UserLinks = {
    entra: parseIntegers(entraKeys),
    pulumi: parseIntegers(scimKeys),
    goneEntraIds: new Map(),
  };
  const goneLinks: number[] = [];
  const goneKeys: number[] = [];
  for (let i = 0; i < links.entra.length; i++) {
    const entraKey = links.entra[i] ?? 0;
    links.entra[i] = positionOf(entra, entraKey);
    links.pulumi[i] = positionOf(pulumi, links.pulumi[i] ?? 0);
    if (links.entra[i] === -1 && links.pulumi[i] !== -1) {
      goneLinks.push(i);
      goneKeys.push(entraKey);
    }
  }
  const ids = idsOfKeys(db, goneKeys);
  goneLinks.forEach((link, j) => links.goneEntraIds.set(link, ids.get(goneKeys[j] ?? 0) ?? ''));
  return links;
}
