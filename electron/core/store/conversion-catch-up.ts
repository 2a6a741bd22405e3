import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { syncToDisk } from './disk-space';
import { eventSearchText, reindexEventsOf } from './event-search';
import { othersHaveOpen } from './open-markers';
import {
  abandonConversion,
  clearConversion,
  conversionCopyPath,
  dropTrackers,
  quoted,
  readConversion,
  trackedTables,
  type TrackedTable,
} from './store-conversion';

export interface SwapOutcome {
  /** Rows changed while the copy was made, copied over before it took the file's place. */
  changedRows: number;
  ms: number;
}

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

interface Change {
  tbl: string;
  key: string;
}

/**
 * Brings the copy up to date with up to `limit` changed rows, in one transaction on the copy: the
 * log first (its counting triggers then run in the copy; `store_state`, changed with every entry,
 * sorts after it and is copied over their count), then every other changed row, then the search
 * index as the writer keeps it (entries indexed when added, a user's entries again when their UPN
 * or mail changed). The file itself is only read. Returns the changes applied.
 */
function catchUpBatch(copy: Database.Database, limit: number, after: Change = { tbl: '', key: '' }) {
  const changes = copy
    .prepare(
      `SELECT tbl, key FROM live.store_conversion_changes WHERE (tbl, key) > (?, ?)
        ORDER BY tbl, key LIMIT ?`,
    )
    .all(after.tbl, after.key, limit) as Change[];
  const keysOf = new Map<string, unknown[][]>();
  for (const { tbl, key } of changes) {
    if (!keysOf.has(tbl)) keysOf.set(tbl, []);
    keysOf.get(tbl)?.push(JSON.parse(key) as unknown[]);
  }
  const tables = trackedTables(copy).sort((a, b) => Number(b.name === log) - Number(a.name === log));
  copy.transaction(() => {
    const renamed = usersRenamed(
      copy,
      (keysOf.get('entra_users') ?? []).map((k) => String(k[0])),
    );
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
  })();
  return changes;
}

/**
 * Opens the copy with the file attached (read only through it), after making sure the copy is this
 * conversion's (a restored backup or a stale copy is not), with its own trackers dropped: rows
 * written to bring it up to date are not changes to follow.
 */
function openCopy(db: Database.Database, path: string, nativeBinding?: string): Database.Database {
  const copyPath = conversionCopyPath(path);
  if (!existsSync(copyPath)) throw new Error(`its copy ${copyPath} is gone`);
  const copy = new Database(copyPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (copy.pragma('user_version', { simple: true }) !== db.pragma('user_version', { simple: true }))
      throw new Error('its copy was made at another schema version');
    if (readConversion(copy)?.startedAt !== readConversion(db)?.startedAt)
      throw new Error('its copy belongs to another conversion');
    dropTrackers(copy);
    copy.prepare('ATTACH ? AS live').run(path);
    return copy;
  } catch (error) {
    copy.close();
    throw error;
  }
}

/** Rows per transaction while the writer brings the copy up to date in the background. */
const drainBatch = 2_000;
/** Rows per transaction at the swap, when nothing else runs. */
const swapBatch = 50_000;

/**
 * In the writer, while it waits for the next start: brings the copy up to date in small batches,
 * forgetting each batch's changes once applied, so the swap has only the last few to copy. Returns
 * the rows copied; a copy that cannot be brought up to date is dropped (the next pass makes another).
 */
export async function drainChanges(
  db: Database.Database,
  path: string,
  nativeBinding?: string,
  signal?: AbortSignal,
): Promise<number> {
  if (!readConversion(db)?.copiedAt) return 0;
  let copy: Database.Database;
  try {
    copy = openCopy(db, path, nativeBinding);
  } catch (error) {
    abandonConversion(db, path);
    throw error;
  }
  const forget = db.prepare('DELETE FROM store_conversion_changes WHERE tbl = ? AND key = ?');
  let copied = 0;
  try {
    while (!signal?.aborted) {
      const applied = catchUpBatch(copy, drainBatch);
      // Synchronously after the copy committed them: nothing can change these rows in between.
      db.transaction(() => applied.forEach(({ tbl, key }) => forget.run(tbl, key)))();
      copied += applied.length;
      if (applied.length < drainBatch) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    copy.close();
  }
  return copied;
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
  if (!readConversion(db)?.copiedAt || othersHaveOpen(path)) return { db };
  const started = performance.now();
  let changedRows = 0;
  let copy: Database.Database | undefined;
  try {
    copy = openCopy(db, path, nativeBinding);
    // The file's changes stay listed (the file is about to go): read on past each batch.
    for (let batch = catchUpBatch(copy, swapBatch); batch.length;) {
      changedRows += batch.length;
      batch = catchUpBatch(copy, swapBatch, batch[batch.length - 1]);
    }
    copy.exec('DETACH live');
    clearConversion(copy);
    copy.close();
  } catch (error) {
    copy?.close();
    abandonConversion(db, path);
    return { db, failed: error instanceof Error ? error.message : String(error) };
  }
  db.close();
  // Written by the file's last connection, now closed: nothing in them belongs to the copy.
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  renameSync(conversionCopyPath(path), path);
  syncToDisk(dirname(path));
  return {
    db: new Database(path, nativeBinding ? { nativeBinding } : {}),
    swapped: { changedRows, ms: Math.round(performance.now() - started) },
  };
}
