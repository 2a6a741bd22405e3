import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

import Database from 'better-sqlite3';

import { ScimWatchError } from '../../../shared/contract';
import { formatBytes } from '../../../shared/labels';
import { ensureFreeSpace, usedBytes } from './disk-space';
import { checkDatabase, isCorruption } from './integrity-check';
import { latestVersion, migrate, type MigrateOptions, type Migration } from './migrate';
import { migrations as defaultMigrations } from './migrations';
import { storeState } from './migrations/011-store-state';
import { storeConversion } from './migrations/014-store-conversion';
import { swapInConversion } from './conversion-catch-up';
import { claimOpenMarker, releaseOpenMarker } from './open-markers';
import { markCheckDue } from './store-state-repo';

const storeStateVersion = storeState.version;
const storeConversionVersion = storeConversion.version;

/** "SCWM": written to the SQLite header so our files can be told from anyone else's. */
export const scimwatchApplicationId = 0x5343574d;

const sqliteMagic = 'SQLite format 3\0';

export interface OpenedStore {
  db: Database.Database;
  schemaVersion: number;
  /** Things a person should be told, e.g. that a corrupt file was moved aside. */
  notices: string[];
  /** The last writer did not close the file: its integrity check is now due. */
  uncleanShutdown: boolean;
}

export interface OpenStoreOptions {
  migrations?: readonly Migration[];
  /** Path to the native addon; Electron passes its own ABI build here (see native-binding.ts). */
  nativeBinding?: string;
  now?: () => Date;
}

type FileVerdict = 'absent' | 'ours' | { refuse: string };

export type StoreFileHeader =
  { kind: 'absent' } | { kind: 'ours'; schemaVersion: number } | { kind: 'refused'; reason: string };

/** What a file's header says it is, without opening it (a backup about to be restored, say). */
export function inspectStoreFile(
  path: string,
  migrations: readonly Migration[] = defaultMigrations,
): StoreFileHeader {
  const verdict = inspectFile(path, latestVersion(migrations));
  if (verdict === 'absent') return { kind: 'absent' };
  if (typeof verdict === 'object') return { kind: 'refused', reason: verdict.refuse };
  const header = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 64, 0);
  } finally {
    closeSync(fd);
  }
  return { kind: 'ours', schemaVersion: header.readUInt32BE(60) };
}

/** Looks at the raw header, so the verdict holds even when SQLite itself cannot open the file. */
function inspectFile(path: string, newestKnown: number): FileVerdict {
  if (!existsSync(path) || statSync(path).size === 0) return 'absent';
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== sqliteMagic) {
    return { refuse: `${path} is not a SQLite database.` };
  }
  const applicationId = header.readUInt32BE(68);
  if (applicationId !== scimwatchApplicationId) {
    return { refuse: `${path} is a SQLite database, but not one of ScimWatch's.` };
  }
  const schemaVersion = header.readUInt32BE(60);
  if (schemaVersion > newestKnown) {
    return {
      refuse: `${path} was written by a newer ScimWatch (schema ${schemaVersion}; this version knows ${newestKnown}).`,
    };
  }
  return 'ours';
}

function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.corrupt-${stamp}`;
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function isHealthy(path: string, nativeBinding?: string): boolean {
  return checkDatabase(path, 'quick', nativeBinding).result === 'ok';
}

/**
 * Before a migration rewrites tables: a consistent copy of the file as it is (VACUUM INTO, which
 * also drops free pages), in `backups/` beside it, once the disk is known to hold it and the rewrite.
 */
function backupBeforeRewrite(
  path: string,
  now: () => Date,
  notices: string[],
): MigrateOptions['beforeRewrite'] {
  return (db, migration, fromVersion) => {
    const folder = join(dirname(path), 'backups');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    ensureFreeSpace(folder, Math.ceil(usedBytes(db) * 1.5), `Upgrading the database (${migration.name})`);
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const target = join(folder, `${basename(path, '.sqlite')}.schema-${fromVersion}.${stamp}.sqlite`);
    db.prepare('VACUUM INTO ?').run(target);
    if (process.platform !== 'win32') chmodSync(target, 0o600);
    notices.push(`Before upgrading the database (${migration.name}), ScimWatch backed it up to ${target}.`);
  };
}

/** A conversion's copy (store-conversion.ts), complete at an open with no one else on the file, swaps in. */
function finishConversion(
  db: Database.Database,
  path: string,
  nativeBinding: string | undefined,
  notices: string[],
): Database.Database {
  const before = statSync(path).size;
  const outcome = swapInConversion(db, path, nativeBinding);
  if (outcome.failed)
    notices.push(
      `The database's conversion to give space back was dropped (${outcome.failed}); it starts again.`,
    );
  if (!outcome.swapped) return outcome.db;
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  configure(outcome.db);
  const freed = Math.max(0, before - statSync(path).size);
  notices.push(
    `The database now gives space back as history is pruned: its converted copy took its place (${formatBytes(freed)} returned; ${outcome.swapped.changedRows} rows changed meanwhile, copied in ${outcome.swapped.ms} ms).`,
  );
  return outcome.db;
}

/** Opens, stamps and migrates; throws SQLite's own error when the file turns out to be damaged. */
function openAndMigrate(
  path: string,
  fresh: boolean,
  options: OpenStoreOptions,
  notices: string[],
): { db: Database.Database; uncleanShutdown: boolean } {
  const migrations = options.migrations ?? defaultMigrations;
  const now = options.now ?? (() => new Date());
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (process.platform !== 'win32') chmodSync(path, 0o600);
    if (fresh) {
      // Stamped before WAL is switched on, so the id lands in the main file's header at once and a
      // crash before the first checkpoint cannot make our own file look foreign. Incremental vacuum
      // (pruning gives space back page by page) can only be chosen before the header is first written.
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma(`application_id = ${scimwatchApplicationId}`);
    }
    configure(db);
    migrate(db, migrations, { now, beforeRewrite: backupBeforeRewrite(path, now, notices) });
    if (!fresh && latestVersion(migrations) >= storeConversionVersion) {
      db = finishConversion(db, path, options.nativeBinding, notices);
    }
    const { uncleanShutdown } = claimOpenMarker(path);
    if (uncleanShutdown && latestVersion(migrations) >= storeStateVersion) markCheckDue(db);
    return { db, uncleanShutdown };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) the profile's database for writing and migrates it. A file that is not
 * ScimWatch's, or one from a newer version, is refused and left untouched. Opening reads only what
 * it needs: a file SQLite finds damaged on the way is checked, moved aside and rebuilt (the caller is
 * told); after an unclean shutdown the full check is only marked due, for the writer to run in the
 * background, so a large file opens as fast as a small one.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): OpenedStore {
  const migrations = options.migrations ?? defaultMigrations;
  const now = options.now ?? (() => new Date());
  const notices: string[] = [];
  const verdict = inspectFile(path, latestVersion(migrations));
  if (typeof verdict === 'object') {
    throw new ScimWatchError(
      'database_refused',
      `${verdict.refuse} ScimWatch left it untouched.`,
      'Update ScimWatch if the file is newer, or point SCIMWATCH_DB (or the profile) at another path.',
    );
  }
  let opened: { db: Database.Database; uncleanShutdown: boolean };
  try {
    opened = openAndMigrate(path, verdict === 'absent', options, notices);
  } catch (error) {
    if (verdict !== 'ours' || !isCorruption(error) || isHealthy(path, options.nativeBinding)) throw error;
    const aside = moveAside(path, now());
    notices.push(
      `The database was corrupt; it was moved to ${aside} and a new one was created. History will be collected again.`,
    );
    opened = openAndMigrate(path, true, options, notices);
  }
  return { ...opened, schemaVersion: latestVersion(migrations), notices };
}

/** Closes the file and removes this process's open marker (a marker left behind means a crash). */
export function closeStore(db: Database.Database): void {
  const path = db.name;
  db.close();
  if (!db.readonly) releaseOpenMarker(path);
}

/** Opens an existing, already migrated database for reading only (the query worker's connection). */
export function openReadOnlyStore(path: string, nativeBinding?: string): Database.Database {
  const db = new Database(path, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  return db;
}
