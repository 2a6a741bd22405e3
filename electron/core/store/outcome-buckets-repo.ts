import type Database from 'better-sqlite3';

import type { ProvisioningStatus } from '../../../shared/contract';

export type Grain = 'hour' | 'day';

/** A bucket's key is the UTC time's prefix: 'YYYY-MM-DDTHH' for an hour, 'YYYY-MM-DD' for a day. */
const keyLength: Record<Grain, number> = { hour: 13, day: 10 };
const grainMs: Record<Grain, number> = { hour: 3_600_000, day: 86_400_000 };

export function bucketKey(grain: Grain, time: string | number): string {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (Number.isNaN(ms))
    throw new RangeError(`"${String(time)}" is not a time a provisioning entry can carry`);
  return new Date(ms).toISOString().slice(0, keyLength[grain]);
}

/** When a bucket starts, as epoch milliseconds. */
export function bucketStart(grain: Grain, key: string): number {
  return Date.parse(grain === 'hour' ? `${key}:00:00Z` : `${key}T00:00:00Z`);
}

function nextKey(grain: Grain, key: string): string {
  return bucketKey(grain, bucketStart(grain, key) + grainMs[grain]);
}

export interface BucketEntry {
  id: string;
  activityDateTime: string;
  status: ProvisioningStatus;
  sourceId: string | null;
}

export interface BucketRow {
  bucket: string;
  status: ProvisioningStatus;
  entries: number;
  objects: number;
}

/**
 * Outcomes per hour and per day, kept as entries arrive. For each new entry the store is asked, before
 * the entry is written, whether its object already has an entry of that status in that bucket: only
 * the first makes it one more object. An hour inside a day that already has one answers for the day too.
 */
export class OutcomeBucketsRepo {
  private readonly seen: Database.Statement<[string, string, string, string]>;
  private readonly add: Database.Statement<[Grain, string, string, number, number]>;
  private pending = new Map<
    string,
    { grain: Grain; bucket: string; status: string; entries: number; objects: number }
  >();

  constructor(db: Database.Database) {
    this.seen = db.prepare(`SELECT 1 FROM provisioning_events
      WHERE source_id = ? AND status = ? AND activity_date_time >= ? AND activity_date_time < ? LIMIT 1`);
    this.add =
      db.prepare(`INSERT INTO outcome_buckets (grain, bucket, status, entries, objects) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (grain, bucket, status) DO UPDATE SET entries = entries + excluded.entries,
        objects = objects + excluded.objects`);
  }

  /** Whether the entry's object is new to each bucket; ask before the entry itself is stored. */
  newObjectIn(entry: BucketEntry): Record<Grain, boolean> {
    // No source, or no time (the insert then refuses the entry): nothing to look up.
    if (!entry.sourceId || !entry.activityDateTime) return { hour: true, day: true };
    const hour = bucketKey('hour', entry.activityDateTime);
    if (this.seen.get(entry.sourceId, entry.status, hour, nextKey('hour', hour)))
      return { hour: false, day: false };
    const day = hour.slice(0, keyLength.day);
    return { hour: true, day: !this.seen.get(entry.sourceId, entry.status, day, nextKey('day', day)) };
  }

  /** Counts a stored entry; `flush` writes the batch's counts (inside the batch's transaction). */
  count(entry: BucketEntry, newObject: Record<Grain, boolean>): void {
    for (const grain of ['hour', 'day'] as const) {
      const bucket = bucketKey(grain, entry.activityDateTime);
      const id = `${grain}|${bucket}|${entry.status}`;
      const row = this.pending.get(id) ?? { grain, bucket, status: entry.status, entries: 0, objects: 0 };
      row.entries += 1;
      if (newObject[grain]) row.objects += 1;
      this.pending.set(id, row);
    }
  }

  flush(): void {
    for (const row of this.pending.values())
      this.add.run(row.grain, row.bucket, row.status, row.entries, row.objects);
    this.pending = new Map();
  }
}

/** The buckets from `fromKey` on (inclusive), oldest first (readers use this; it prepares no write). */
export function readOutcomeBuckets(db: Database.Database, grain: Grain, fromKey: string | null): BucketRow[] {
  return db
    .prepare(
      `SELECT bucket, status, entries, objects FROM outcome_buckets WHERE grain = ? AND bucket >= ? ORDER BY bucket`,
    )
    .all(grain, fromKey ?? '') as BucketRow[];
}
