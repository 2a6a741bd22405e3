import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who polls a profile right now. A server also says where to reach it, so others can delegate. */
export interface LockHolder {
  pid: number;
  command: string;
  url: string | null;
  /** Present only for servers: lets a CLI on this machine delegate a sync. The file is owner-only. */
  accessToken?: string;
  since: string;
}

export type LockResult = { acquired: true; release: () => void } | { acquired: false; holder: LockHolder };

function lockPath(dataDir: string, profile: string): string {
  return join(dataDir, 'locks', `${profile}.lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the lock.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Takes the profile's poller lock: one process polls a profile at a time. The lock file is created
 * exclusively; a lock left by a process that no longer exists is taken over.
 */
export function acquireProfileLock(
  dataDir: string,
  profile: string,
  holder: Omit<LockHolder, 'pid' | 'since'>,
): LockResult {
  const path = lockPath(dataDir, profile);
  mkdirSync(join(dataDir, 'locks'), { recursive: true });
  const mine: LockHolder = { pid: process.pid, since: new Date().toISOString(), ...holder };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return {
        acquired: true,
        release: () => {
          if (readHolder(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(path);
      if (current && isAlive(current.pid)) return { acquired: false, holder: current };
      // Stale (holder gone, or a half-written file): remove it and try once more.
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first; the next attempt settles who wins
      }
    }
  }
  const current = readHolder(path);
  if (current) return { acquired: false, holder: current };
  throw new Error(`Could not take the lock ${path}`);
}

/** The current holder of a profile's lock, if a live process holds it. */
export function currentLockHolder(dataDir: string, profile: string): LockHolder | null {
  const holder = readHolder(lockPath(dataDir, profile));
  return holder && isAlive(holder.pid) ? holder : null;
}

/** One line that names the holder, for refusals. */
export function describeHolder(profile: string, holder: LockHolder): string {
  const where = holder.url ? ` at ${holder.url}` : '';
  return `Profile "${profile}" is being polled by pid ${holder.pid} (${holder.command}${where}) since ${holder.since}.`;
}

/** Rewrites the details of a lock this process holds (a server learns its URL only after it listens). */
export function refreshProfileLock(
  dataDir: string,
  profile: string,
  details: Omit<LockHolder, 'pid' | 'since'>,
): void {
  const path = lockPath(dataDir, profile);
  const current = readHolder(path);
  if (current?.pid !== process.pid) return;
  writeFileSync(path, JSON.stringify({ ...current, ...details }), { mode: 0o600 });
}
