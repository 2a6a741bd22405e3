import type Database from 'better-sqlite3';

/**
 * The one owner of source_documents: small documents read whole (the resolved target, the org's
 * flags), each replacing the last one read under its key.
 */
export function saveDocument(db: Database.Database, key: string, body: unknown, at: string): void {
  db.prepare(
    `INSERT INTO source_documents (key, body, read_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET body = excluded.body, read_at = excluded.read_at`,
  ).run(key, JSON.stringify(body), at);
}

export function readDocument<T>(db: Database.Database, key: string): T | null {
  const row = db.prepare('SELECT body FROM source_documents WHERE key = ?').get(key) as
    { body: string } | undefined;
  return row ? (JSON.parse(row.body) as T) : null;
}
