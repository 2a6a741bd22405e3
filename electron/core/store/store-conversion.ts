import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { ensureFreeSpace, usedBytes } from './disk-space';

/**
 * Files from before version 12 cannot give space back page by page: that needs incremental
 * auto-vacuum, which only a rewrite of the whole file can switch on. Rather than rewriting it in
 * place (an exclusive lock for minutes on a large file), the writer converts it in the background:
 * 1. it starts tracking which rows change (a trigger per table records each changed row's key);
 * 2. a thread of its own copies the file with incremental vacuum on (`VACUUM INTO` from a read-only
 *    connection: one read snapshot, so the writer goes on polling and readers go on reading);
 * 3. at a later open with no other process on the file, the rows changed since are copied over and
 *    the copy takes the file's place (conversion-swap.ts).
 */

export interface ConversionState {
  startedAt: string;
  copiedAt: string | null;
}

/** Where the copy is built: beside the file, so the swap is a rename on the same file system. */
export const conversionCopyPath = (path: string) => `${path}.converting`;

/** Trackers are named by this prefix, so they can be found and dropped whatever the schema holds. */
const trackerPrefix = 'store_conversion_track_';

export const needsConversion = (db: Database.Database) =>
  (db.pragma('auto_vacuum', { simple: true }) as number) === 0;

export function readConversion(db: Database.Database): ConversionState | null {
  return (
    (db
      .prepare('SELECT started_at AS startedAt, copied_at AS copiedAt FROM store_conversion WHERE id = 1')
      .get() as ConversionState | undefined) ?? null
  );
}

export interface TrackedTable {
  name: string;
  keyColumns: string[];
}

/** An identifier as SQL writes it, whatever it contains. */
export const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table whose rows the copy must follow: not SQLite's own, the search index's or the tracker's. */
export function trackedTables(db: Database.Database): TrackedTable[] {
  const names = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT LIKE 'event_search%' AND name NOT LIKE 'store_conversion%'
          AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return names.map((name) => {
    const columns = db.pragma(`table_info(${quoted(name)})`) as { name: string; pk: number }[];
    const keyColumns = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    return { name, keyColumns: keyColumns.length ? keyColumns : ['rowid'] };
  });
}

function trackerSql({ name, keyColumns }: TrackedTable): string {
  const table = name.replace(/'/g, "''");
  const key = (row: 'NEW' | 'OLD') =>
    `json_array(${keyColumns.map((c) => `${row}.${quoted(c)}`).join(', ')})`;
  const record = (row: 'NEW' | 'OLD') =>
    // Not INSERT OR IGNORE: an upsert firing the trigger would impose its own conflict handling.
    `INSERT INTO store_conversion_changes (tbl, key) SELECT '${table}', ${key(row)} WHERE NOT EXISTS
       (SELECT 1 FROM store_conversion_changes WHERE tbl = '${table}' AND key = ${key(row)});`;
  const trigger = (op: string, body: string) =>
    `CREATE TRIGGER ${quoted(`${trackerPrefix}${name}_${op.toLowerCase()}`)} AFTER ${op} ON ${quoted(name)}
     BEGIN ${body} END;`;
  return [
    trigger('INSERT', record('NEW')),
    trigger('UPDATE', `${record('OLD')} ${record('NEW')}`),
    trigger('DELETE', record('OLD')),
  ].join('\n');
}

/** Drops the trackers and the changes they recorded (in the copy, once it is being brought up to date). */
export function dropTrackers(db: Database.Database): void {
  const trackers = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'")
    .pluck()
    .all(`${trackerPrefix.replace(/_/g, '\\_')}%`) as string[];
  db.transaction(() => {
    for (const name of trackers) db.exec(`DROP TRIGGER ${quoted(name)}`);
    db.exec('DELETE FROM store_conversion_changes');
  })();
}

/** Forgets the conversion: its trackers, its changes and its state. */
export function clearConversion(db: Database.Database): void {
  dropTrackers(db);
  db.exec('DELETE FROM store_conversion');
}

/** Abandons a conversion: the trackers go, and so does any copy (whole or partial). */
export function abandonConversion(db: Database.Database, path: string): void {
  clearConversion(db);
  removeCopy(path);
}

export function removeCopy(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(conversionCopyPath(path) + suffix, { force: true });
}

/**
 * Starts a conversion: checks the disk holds the copy, then tracks changes from this commit on, so
 * a copy whose snapshot begins after it misses nothing.
 */
export function beginConversion(db: Database.Database, path: string, at: Date): void {
  ensureFreeSpace(
    dirname(path),
    Math.ceil(usedBytes(db) * 1.2),
    'Converting the database to give space back',
  );
  abandonConversion(db, path);
  const tables = trackedTables(db);
  db.transaction(() => {
    for (const table of tables) db.exec(trackerSql(table));
    db.prepare('INSERT INTO store_conversion (id, started_at) VALUES (1, ?)').run(at.toISOString());
  })();
}

export function recordCopied(db: Database.Database, at: Date): void {
  db.prepare('UPDATE store_conversion SET copied_at = ? WHERE id = 1').run(at.toISOString());
}

/**
 * The copy itself, on a read-only connection of its own (the thread's): a consistent snapshot of
 * the file with incremental vacuum on and no free pages.
 */
export function copyConverted(path: string, nativeBinding?: string | null): { ms: number; bytes: number } {
  const started = performance.now();
  removeCopy(path);
  // An empty file of the owner's alone, which VACUUM INTO fills: the copy holds what the file holds.
  writeFileSync(conversionCopyPath(path), '', { mode: 0o600 });
  const db = new Database(path, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('auto_vacuum = INCREMENTAL');
    db.prepare('VACUUM INTO ?').run(conversionCopyPath(path));
  } catch (error) {
    removeCopy(path);
    throw error;
  } finally {
    db.close();
  }
  return { ms: Math.round(performance.now() - started), bytes: statSync(conversionCopyPath(path)).size };
}
