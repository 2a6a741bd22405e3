import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { eventSearchText, reindexEventsOf } from './event-search';
import { othersHaveOpen } from './open-markers';
import {
  abandonConversion,
  clearConversion,
  conversionCopyPath,
  readConversion,
  trackedTables,
  type TrackedTable,
} from './store-conversion';

export interface SwapOutcome {
  /** Rows changed while the copy was made, copied over before it took the file's place. */
  changedRows: number;
  ms: number;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const log = 'provisioning_events';

/** Copies the changed rows of one table from `live` (delete, then insert what is there now). */
function catchUpTable(copy: Database.Database, table: TrackedTable, keys: unknown[][]) {
  const match = table.keyColumns.map((c) => `${quoted(c)} IS ?`).join(' AND ');
  const remove = copy.prepare(`DELETE FROM main.${quoted(table.name)} WHERE ${match} RETURNING 1`);
  const insert = copy.prepare(
    `INSERT INTO main.${quoted(table.name)} SELECT * FROM live.${quoted(table.name)} WHERE ${match}`,
  );
  const removed: unknown[][] = [];
  const added: unknown[][] = [];
  for (const key of keys) {
    if (remove.get(...key)) removed.push(key);
    if (insert.run(...key).changes) added.push(key);
  }
  return { removed, added };
}

/** Users whose UPN or mail differ between the copy and the file: their entries' search text changed. */
function usersRenamed(copy: Database.Database, ids: string[]): string[] {
  const differs = copy.prepare(
    `SELECT 1 FROM live.entra_users l LEFT JOIN main.entra_users c ON c.id = l.id WHERE l.id = ?
        AND (c.id IS NULL OR c.user_principal_name IS NOT l.user_principal_name OR c.mail IS NOT l.mail)`,
  );
  return ids.filter((id) => differs.get(id));
}

/**
 * Brings the copy up to date, in one transaction on the copy: the log first (its counting triggers
 * then run in the copy, and `store_state` is copied after them), then every other changed row, then
 * the search index as the writer keeps it (entries indexed when added, a user's entries again when
 * their UPN or mail changed). The file itself is only read.
 */
function catchUp(copy: Database.Database): number {
  const changes = copy.prepare('SELECT tbl, key FROM live.store_conversion_changes').all() as {
    tbl: string;
    key: string;
  }[];
  const keysOf = new Map<string, unknown[][]>();
  for (const { tbl, key } of changes)
    keysOf.set(tbl, [...(keysOf.get(tbl) ?? []), JSON.parse(key) as unknown[]]);
  const tables = trackedTables(copy).sort((a, b) => Number(b.name === log) - Number(a.name === log));
  copy.transaction(() => {
    const userIds = (keysOf.get('entra_users') ?? []).map((k) => String(k[0]));
    const renamed = usersRenamed(copy, userIds);
    const unindex = copy.prepare('DELETE FROM event_search WHERE rowid = ?');
    const index = copy.prepare(`INSERT INTO event_search (rowid, body)
      SELECT e.seq, ${eventSearchText} FROM provisioning_events e
        LEFT JOIN entra_users u ON u.id = e.source_id WHERE e.seq = ?`);
    let added: unknown[][] = [];
    for (const table of tables) {
      const keys = keysOf.get(table.name);
      if (!keys) continue;
      const outcome = catchUpTable(copy, table, keys);
      if (table.name !== log) continue;
      for (const [seq] of outcome.removed) unindex.run(seq);
      added = outcome.added;
    }
    for (const [seq] of added) index.run(seq);
    reindexEventsOf(copy, renamed);
    clearConversion(copy);
  })();
  return changes.length;
}

function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * At an open, when a conversion's copy is complete and no other process has the file open: brings the
 * copy up to date and renames it over the file, then reopens. Returns the connection to use (the
 * one given when there is nothing to do) and what was done. The file is untouched until the rename:
 * a copy that fails to catch up is dropped, and the next maintenance pass makes another.
 */
export function swapInConversion(
  db: Database.Database,
  path: string,
  nativeBinding?: string,
): { db: Database.Database; swapped?: SwapOutcome; failed?: string } {
  const state = readConversion(db);
  if (!state?.copiedAt || othersHaveOpen(path)) return { db };
  const copyPath = conversionCopyPath(path);
  const binding = nativeBinding ? { nativeBinding } : {};
  const started = performance.now();
  let changedRows: number;
  let copy: Database.Database | undefined;
  try {
    if (!existsSync(copyPath)) throw new Error(`its copy ${copyPath} is gone`);
    copy = new Database(copyPath, { fileMustExist: true, ...binding });
    if (copy.pragma('user_version', { simple: true }) !== db.pragma('user_version', { simple: true }))
      throw new Error('its copy was made at another schema version');
    copy.prepare('ATTACH ? AS live').run(path);
    changedRows = catchUp(copy);
    copy.exec('DETACH live');
    copy.close();
  } catch (error) {
    copy?.close();
    abandonConversion(db, path);
    return { db, failed: error instanceof Error ? error.message : String(error) };
  }
  db.close();
  // Written by the file's last connection, now closed: nothing in them belongs to the copy.
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  renameSync(copyPath, path);
  syncFolder(dirname(path));
  return {
    db: new Database(path, binding),
    swapped: { changedRows, ms: Math.round(performance.now() - started) },
  };
}
