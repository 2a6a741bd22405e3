import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Who has a database open for writing: a small file per process beside it (`<file>.open-<pid>`),
 * removed when it closes the database cleanly. A marker whose process is gone was left by a crash.
 * Files, not rows: opening and closing then write nothing to the database (a one-shot command
 * would otherwise pay two commits and a checkpoint for a read).
 */
export function claimOpenMarker(path: string): { uncleanShutdown: boolean } {
  const prefix = `${basename(path)}.open-`;
  let uncleanShutdown = false;
  for (const name of readdirSync(dirname(path))) {
    if (!name.startsWith(prefix) || isAlive(Number(name.slice(prefix.length)))) continue;
    uncleanShutdown = true;
    rmSync(join(dirname(path), name), { force: true });
  }
  writeFileSync(markerOf(path), String(process.pid), { mode: 0o600 });
  return { uncleanShutdown };
}

/** Whether another live process has the file open for writing (its copy must not be swapped in). */
export function othersHaveOpen(path: string): boolean {
  const prefix = `${basename(path)}.open-`;
  return readdirSync(dirname(path)).some((name) => {
    const pid = Number(name.slice(prefix.length));
    return name.startsWith(prefix) && pid !== process.pid && isAlive(pid);
  });
}

export function releaseOpenMarker(path: string): void {
  rmSync(markerOf(path), { force: true });
}

const markerOf = (path: string) => `${path}.open-${process.pid}`;

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
