import { statSync } from 'node:fs';
import { dirname } from 'node:path';

import type Database from 'better-sqlite3';

import { formatBytes } from '../../../shared/labels';
import { freeBytes, usedBytes } from '../store/disk-space';

export interface StoreSize {
  /** The file and its write-ahead log, as the disk holds them. */
  fileBytes: number;
  /** Pages holding data; the rest is free pages, reused or given back. */
  usedBytes: number;
  /** Growth per day over the last week of daily samples (null until two days are known). */
  growthBytesPerDay: number | null;
  /** Free space on the disk holding the file (null when the platform does not say). */
  diskFreeBytes: number | null;
}

function onDisk(path: string): number {
  const size = (p: string) => statSync(p, { throwIfNoEntry: false })?.size ?? 0;
  return size(path) + size(`${path}-wal`);
}

/** Records today's size (the latest sample of the day wins); growth is read from these. */
export function sampleSize(db: Database.Database, path: string, now: Date): void {
  db.prepare(
    `INSERT OR REPLACE INTO store_sizes (day, bytes, file_bytes, events)
     VALUES (?, ?, ?, (SELECT log_entries FROM store_state WHERE id = 1))`,
  ).run(now.toISOString().slice(0, 10), usedBytes(db), onDisk(path));
}

function growthPerDay(db: Database.Database): number | null {
  const samples = db.prepare('SELECT day, bytes FROM store_sizes ORDER BY day DESC LIMIT 8').all() as {
    day: string;
    bytes: number;
  }[];
  const newest = samples[0];
  const oldest = samples.at(-1);
  if (!newest || !oldest || newest === oldest) return null;
  const days = (Date.parse(newest.day) - Date.parse(oldest.day)) / 86_400_000;
  return Math.round((newest.bytes - oldest.bytes) / days);
}

export function storeSize(db: Database.Database, path: string): StoreSize {
  let diskFreeBytes: number | null = null;
  try {
    diskFreeBytes = freeBytes(dirname(path));
  } catch {
    // statfs is missing on some platforms and file systems; the figure is then simply unknown.
  }
  return {
    fileBytes: onDisk(path),
    usedBytes: usedBytes(db),
    growthBytesPerDay: growthPerDay(db),
    diskFreeBytes,
  };
}

/** Under a GiB free, or under 30 days of the store's growth: the admin should hear of it. */
export function lowDiskWarning(size: StoreSize): string | null {
  if (size.diskFreeBytes === null) return null;
  const month = Math.max(0, size.growthBytesPerDay ?? 0) * 30;
  const floor = Math.max(1024 ** 3, month);
  return size.diskFreeBytes < floor
    ? `The disk holding the database is running low: ${formatBytes(size.diskFreeBytes)} free` +
        (size.growthBytesPerDay
          ? ` (the database grows by ${formatBytes(size.growthBytesPerDay)} a day).`
          : '.')
    : null;
}
