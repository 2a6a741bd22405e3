import type Database from 'better-sqlite3';

/**
 * The text the Failures page searches for each log entry: names, ids, the error code and reason,
 * and the identity values (UPN, user name, mail) from the entry's modified properties and from the
 * Entra user it concerns. One SQL expression over `provisioning_events e LEFT JOIN entra_users u`.
 */
export const eventSearchText = `concat_ws(' ', e.source_display_name, e.target_display_name, e.id, e.source_id,
  e.target_id, e.error_code, e.reason, e.identity_values, u.user_principal_name, u.mail)`;

/** Indexes the entries whose ids are given as a JSON array (the batch an ingest added). */
export const indexEventsSql = `INSERT INTO event_search (rowid, body)
  SELECT e.seq, ${eventSearchText}
    FROM provisioning_events e LEFT JOIN entra_users u ON u.id = e.source_id
   WHERE e.id IN (SELECT value FROM json_each(?))`;

/** Letters and digits make a word, as FTS5's unicode61 tokenizer reads them. */
const word = /[\p{L}\p{N}\p{Co}]+/gu;

/** The longest prefix the index keeps lists for (migration 7's `prefix = '1 2 3 4 5 6'`). */
export const indexedPrefixLength = 6;

/** The index's words that start with a prefix (at most `limit`), or null when there are more. */
export type PrefixExpander = (prefix: string, limit: number) => string[] | null;

/** A typed word as the tokenizer stores it: lower case, without diacritics. */
const folded = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A person's search text as an FTS5 query, as they type it: every word must appear; the word still
 * being typed (the last, when nothing follows it) is a prefix, so "ali" finds alice@contoso.com and
 * "4f1c" a GUID. Finished words match whole, which lets the index skip through long lists instead of
 * merging every word that starts alike. A prefix longer than the index keeps lists for is spelt out
 * as the few words it stands for, when `expand` says which (a domain such as "example" is in every
 * entry, and merging its list costs more than a keystroke may). Words are quoted, so nothing typed is
 * query syntax. Null when the text has no word at all.
 */
export function searchQuery(text: string, expand?: PrefixExpander): string | null {
  const words = text.match(word)?.slice(0, 16);
  if (!words) return null;
  const typing = /[\p{L}\p{N}\p{Co}]$/u.test(text);
  const prefix = (w: string) => {
    const spelt = w.length > indexedPrefixLength ? expand?.(folded(w), 32) : null;
    return spelt?.length ? `(${spelt.map((term) => `"${term}"`).join(' OR ')})` : `"${w}"*`;
  };
  return words.map((w, i) => (typing && i === words.length - 1 ? prefix(w) : `"${w}"`)).join(' AND ');
}

/** Reads which words of the index start with a prefix, from its vocabulary table. */
export function prefixExpander(db: Database.Database): PrefixExpander {
  const terms = db.prepare<[string, string, number], string>(
    'SELECT term FROM event_search_terms WHERE term >= ? AND term < ? LIMIT ?',
  );
  return (prefix, limit) => {
    const chars = [...prefix];
    const last = chars.pop()?.codePointAt(0) ?? 0;
    const end = chars.join('') + String.fromCodePoint(last + 1);
    const found = terms.pluck().all(prefix, end, limit + 1);
    return found.length > limit ? null : found;
  };
}

/**
 * Indexes again the entries about users whose UPN or mail ScimWatch learnt or saw change after their
 * entries arrived (a user created and provisioned between two reads of the directory), so a search
 * by the address finds them.
 */
export function reindexEventsOf(db: Database.Database, sourceIds: readonly string[]): void {
  if (!sourceIds.length) return;
  const ids = JSON.stringify(sourceIds);
  db.prepare(
    `DELETE FROM event_search WHERE rowid IN
       (SELECT seq FROM provisioning_events WHERE source_id IN (SELECT value FROM json_each(?)))`,
  ).run(ids);
  db.prepare(
    `INSERT INTO event_search (rowid, body)
       SELECT e.seq, ${eventSearchText}
         FROM provisioning_events e LEFT JOIN entra_users u ON u.id = e.source_id
        WHERE e.source_id IN (SELECT value FROM json_each(?))`,
  ).run(ids);
}
