import { statfsSync } from 'node:fs';

import { ScimWatchError } from '../../../shared/contract';
import { formatBytes } from '../../../shared/labels';

/** Bytes free to this user on the file system holding `path` (a folder that exists). */
export function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return Number(stats.bavail) * Number(stats.bsize);
}

/** Refuses, before anything is written, work that would fill the disk. */
export function ensureFreeSpace(folder: string, needed: number, what: string): void {
  const free = freeBytes(folder);
  if (free < needed)
    throw new ScimWatchError(
      'disk_full',
      `${what} needs about ${formatBytes(needed)} free in ${folder}; only ${formatBytes(free)} is.`,
      'Free some space on that disk (or move the data folder with SCIMWATCH_DATA_DIR), then try again.',
    );
}
