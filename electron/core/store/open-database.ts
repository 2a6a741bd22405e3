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
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { ScimWatchError } from '../../../shared/contract';
import { latestVersion, migrate, type Migration } from './migrate';
import { migrations as defaultMigrations } from './migrations';

/** "SCWM": written to the SQLite header so our files can be told from anyone else's. */
export const scimwatchApplicationId = 0x5343574d;

const sqliteMagic = 'SQLite format 3\0';

export interface OpenedStore {
  db: Database.Database;
  schemaVersion: number;
  /** Things a person should be told, e.g. that a corrupt file was moved aside. */
  notices: string[];
}

export interface OpenStoreOptions {
  migrations?: readonly Migration[];
  /** Path to the native addon; Electron passes its own ABI build here (see native-binding.ts). */
  nativeBinding?: string;
  now?: () => Date;
}

type FileVerdict = 'absent' | 'ours' | { refuse: string };

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
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return probe.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    probe?.close();
  }
}

/**
 * Opens (creating if needed) the profile's database for writing and migrates it. A file that is not
 * ScimWatch's, or one from a newer version, is refused and left untouched; a corrupt ScimWatch file
 * is moved aside and rebuilt, and the caller is told.
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
  if (verdict === 'ours' && !isHealthy(path, options.nativeBinding)) {
    const aside = moveAside(path, now());
    notices.push(
      `The database was corrupt; it was moved to ${aside} and a new one was created. History will be collected again.`,
    );
  }
  // The cache holds names and e-mail addresses of the whole directory: owner-only, like the secrets.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (process.platform !== 'win32') chmodSync(path, 0o600);
    // Stamped before WAL is switched on, so the id lands in the main file's header at once and a
    // crash before the first checkpoint cannot make our own file look foreign.
    if (verdict === 'absent' || notices.length) db.pragma(`application_id = ${scimwatchApplicationId}`);
    configure(db);
    migrate(db, migrations, now);
    return { db, schemaVersion: latestVersion(migrations), notices };
  } catch (error) {
    db.close();
    throw error;
  }
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
