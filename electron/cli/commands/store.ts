import { resolveDataDir } from '../../core/config/data-dir';
import { readEnvironment } from '../../core/config/environment';
import { backupDatabase, restoreDatabase } from '../../core/maintenance/backup';
import { acquireProfileLock, describeHolder } from '../../core/profiles/profile-lock';
import { profileDatabasePath, resolveActiveProfile } from '../../core/profiles/profile-registry';
import { ScimWatchError } from '../../../shared/contract';
import { formatBytes } from '../../../shared/labels';
import { exitCodes } from '../exit-codes';
import { print } from '../output';
import { withProfileCore } from '../profile-core';

/** The active profile and its database file, as the core would pick them. */
function activeDatabase(): { dataDir: string; profile: string; path: string } {
  const environment = readEnvironment(process.env);
  const dataDir = resolveDataDir(process.env);
  const profile = resolveActiveProfile(dataDir, environment).name;
  return { dataDir, profile, path: profileDatabasePath(dataDir, profile, environment.databasePath) };
}

/** `scimwatch backup --out FILE`: an online backup, safe while `serve` polls. */
export async function backupCommand(flags: { out: string | undefined; json: boolean }): Promise<number> {
  if (!flags.out) throw new Error('Say where the backup goes: scimwatch backup --out <file>.');
  const { path } = activeDatabase();
  const result = await backupDatabase(path, flags.out);
  if (flags.json) print(JSON.stringify(result));
  else print(`Backed up ${path} to ${result.path} (${formatBytes(result.bytes)}, ${result.ms} ms).`);
  return exitCodes.ok;
}

/** `scimwatch restore FILE`: only while nothing polls the profile. */
export function restoreCommand(flags: { file: string | undefined; json: boolean }): number {
  if (!flags.file) throw new Error('Name the backup to restore: scimwatch restore <file>.');
  const { dataDir, profile, path } = activeDatabase();
  const lock = acquireProfileLock(dataDir, profile, { command: 'restore', url: null });
  if (!lock.acquired)
    throw new ScimWatchError(
      'profile_locked',
      describeHolder(profile, lock.holder),
      'Stop it first: a database cannot be replaced while it is open.',
    );
  try {
    const result = restoreDatabase(flags.file, path, { now: () => new Date() });
    if (flags.json) print(JSON.stringify(result));
    else {
      print(
        `Restored ${result.restoredFrom} as profile "${profile}" (schema ${result.fromSchema} → ${result.schemaVersion}).`,
      );
      if (result.previousKeptAt) print(`The database it replaced was kept at ${result.previousKeptAt}.`);
      result.notices.forEach((notice) => print(notice));
    }
    return exitCodes.ok;
  } finally {
    lock.release();
  }
}

/** `scimwatch check [--quick]`: exits 2 when the check finds damage. */
export async function checkCommand(flags: { quick: boolean; json: boolean }): Promise<number> {
  const check = await withProfileCore('check', (caller) =>
    caller.call('store.check', { kind: flags.quick ? 'quick' : 'full' }),
  );
  if (flags.json) print(JSON.stringify(check));
  else if (check.ok) print(`Database check (${check.kind}) passed in ${check.ms} ms.`);
  else print(`Database check (${check.kind}) found damage:\n${check.result}`);
  return check.ok ? exitCodes.ok : exitCodes.threshold;
}
