import { closeSync, fsyncSync, openSync, statfsSync } from 'node:fs';

import type Database from 'better-sqlite3';

import { ScimWatchError } from '../../../shared/contract';
import { formatBytes } from '../../../shared/labels';

/** Bytes free to this user on the file system holding `path` (a folder that exists). */
export function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return Number(stats.bavail) * Number(stats.bsize);
}

/**
 * Returns once the disk holds a file's contents, or a folder's entries (after a rename). Windows
 * cannot open a folder for this, and commits a rename itself: there it does nothing.
 */
export function syncToDisk(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const pragma = (db: Database.Database, name: string) => db.pragma(name, { simple: true }) as number;

/** Bytes in the pages that hold data (what a copy of the file needs); read from the header, at any size. */
export function usedBytes(db: Database.Database): number {
  return (pragma(db, 'page_count') - pragma(db, 'freelist_count')) * pragma(db, 'page_size');
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
