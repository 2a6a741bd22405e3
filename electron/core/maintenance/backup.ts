import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import Database from 'better-sqlite3';

import { ScimWatchError } from '../../../shared/contract';
import { ensureFreeSpace, usedBytes } from '../store/disk-space';
import { checkDatabase } from '../store/integrity-check';
import { closeStore, inspectStoreFile, openStore } from '../store/open-database';
import { removeCopy } from '../store/store-conversion';

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
  ms: number;
}

const binding = (nativeBinding?: string | null) => (nativeBinding ? { nativeBinding } : {});

const ownerOnly = (path: string) => process.platform !== 'win32' && chmodSync(path, 0o600);

function refuseExisting(path: string): void {
  if (existsSync(path))
    throw new ScimWatchError(
      'invalid_input',
      `${path} already exists; ScimWatch does not overwrite it.`,
      'Name a new file, or move the old one away first.',
    );
}

/**
 * The copy's header says WAL, as the source's does, and any connection to it would then leave a
 * `-wal` and `-shm` beside it (a read-only one cannot remove them): a backup is one file, in
 * rollback-journal mode. A file restored from it is put back in WAL mode as it opens.
 */
function selfContained(path: string, nativeBinding?: string | null): void {
  const copy = new Database(path, { fileMustExist: true, ...binding(nativeBinding) });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Copies the database with SQLite's online backup, from a read-only connection of its own: in WAL
 * mode the copy is the database as of one moment, while the poller goes on writing. The copy is
 * written beside its destination and renamed into place only after it passes a quick check.
 */
export async function backupDatabase(
  source: string,
  out: string,
  nativeBinding?: string | null,
): Promise<BackupResult> {
  const target = resolve(out);
  refuseExisting(target);
  if (!existsSync(source))
    throw new ScimWatchError('not_found', `There is no database at ${source} yet.`, 'Run a sync first.');
  const started = performance.now();
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, {
    readonly: true,
    fileMustExist: true,
    ...binding(nativeBinding),
  });
  const partial = `${target}.partial`;
  try {
    db.pragma('busy_timeout = 5000');
    ensureFreeSpace(dirname(target), Math.ceil(usedBytes(db) * 1.05), 'The backup');
    rmSync(partial, { force: true });
    // All remaining pages in one step: a step that ends while another connection writes would start over.
    const { totalPages } = await db.backup(partial, { progress: ({ totalPages: t }) => Math.max(t, 100) });
    ownerOnly(partial);
    selfContained(partial, nativeBinding);
    const check = checkDatabase(partial, 'quick', nativeBinding);
    if (check.result !== 'ok') throw new Error(`The copy failed its check: ${check.result}`);
    renameSync(partial, target);
    return {
      path: target,
      bytes: statSync(target).size,
      pages: totalPages,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the database it replaced was kept (null when there was none). */
  previousKeptAt: string | null;
  fromSchema: number;
  schemaVersion: number;
  notices: string[];
}

/**
 * Puts a backup in place of the profile's database. The backup must be ScimWatch's, no newer than
 * this version, and pass a full check; the database it replaces is kept in `backups/` first. The
 * restored file is then opened, which migrates one from an older version. The caller holds the
 * profile's lock: nothing else may have the file open.
 */
export function restoreDatabase(
  backup: string,
  target: string,
  options: { now: () => Date; nativeBinding?: string | null },
): RestoreResult {
  const from = resolve(backup);
  const header = inspectStoreFile(from);
  if (header.kind !== 'ours')
    throw new ScimWatchError(
      'invalid_input',
      header.kind === 'absent' ? `There is no backup at ${from}.` : header.reason,
      'Name a file written by `scimwatch backup`.',
    );
  const check = checkDatabase(from, 'full', options.nativeBinding);
  if (check.result !== 'ok')
    throw new ScimWatchError(
      'invalid_input',
      `${from} is damaged, so it was not restored: ${check.result.split('\n')[0]}`,
      'Name another backup.',
    );
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  ensureFreeSpace(dirname(target), statSync(from).size * 2, 'Restoring the backup');
  const stamp = options.now().toISOString().replace(/[:.]/g, '-');
  let previousKeptAt: string | null = null;
  if (existsSync(target)) {
    const folder = join(dirname(target), 'backups');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    previousKeptAt = join(folder, `${basename(target, '.sqlite')}.before-restore.${stamp}.sqlite`);
    const current = new Database(target, {
      fileMustExist: true,
      ...binding(options.nativeBinding),
    });
    try {
      current.prepare('VACUUM INTO ?').run(previousKeptAt);
    } finally {
      current.close();
    }
    ownerOnly(previousKeptAt);
  }
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  // Read through SQLite, not copied as bytes: a backup's own write-ahead log, if it has one, comes too.
  const source = new Database(from, {
    readonly: true,
    fileMustExist: true,
    ...binding(options.nativeBinding),
  });
  try {
    // The restored file gives space back page by page, whatever version wrote the backup.
    source.pragma('auto_vacuum = INCREMENTAL');
    source.prepare('VACUUM INTO ?').run(incoming);
  } finally {
    source.close();
  }
  ownerOnly(incoming);
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  // A conversion's copy of the replaced file must never swap in over the restored one.
  removeCopy(target);
  renameSync(incoming, target);
  const opened = openStore(target, {
    now: options.now,
    ...binding(options.nativeBinding),
  });
  closeStore(opened.db);
  return {
    restoredFrom: from,
    previousKeptAt,
    fromSchema: header.schemaVersion,
    schemaVersion: opened.schemaVersion,
    notices: opened.notices,
  };
}
