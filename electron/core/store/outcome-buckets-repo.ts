import type Database from 'better-sqlite3';

import type { ProvisioningStatus } from '../../../shared/contract';

export type Grain = 'hour' | 'day';

/** A bucket's key is the UTC time's prefix: 'YYYY-MM-DDTHH' for an hour, 'YYYY-MM-DD' for a day. */
export const bucketKeyLength: Record<Grain, number> = { hour: 13, day: 10 };
export const grainMs: Record<Grain, number> = { hour: 3_600_000, day: 86_400_000 };
/** Graph's own form (UTC, 'Z'): its bucket is its prefix, with no date arithmetic. */
const canonicalUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

export function bucketKey(grain: Grain, time: string | number): string {
  if (typeof time === 'string' && canonicalUtc.test(time)) return time.slice(0, bucketKeyLength[grain]);
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (Number.isNaN(ms))
    throw new RangeError(`"${String(time)}" is not a time a provisioning entry can carry`);
  return new Date(ms).toISOString().slice(0, bucketKeyLength[grain]);
}

/** When a bucket starts, as epoch milliseconds. */
export function bucketStart(grain: Grain, key: string): number {
  return Date.parse(grain === 'hour' ? `${key}:00:00Z` : `${key}T00:00:00Z`);
}

export interface BucketEntry {
  id: string;
  activityDateTime: string;
  status: ProvisioningStatus;
  sourceId: string | null;
}

export interface Observation {
  hour: string;
  day: string;
  status: ProvisioningStatus;
  newInHour: boolean;
  newInDay: boolean;
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
  private readonly seen: Database.Statement<[string, string, string, string, string, string], number | null>;
  private readonly add: Database.Statement<[Grain, string, string, number, number]>;
  private pending = new Map<
    string,
    { grain: Grain; bucket: string; status: string; entries: number; objects: number }
  >();

  constructor(db: Database.Database) {
    // One read of the (source, status, time) index answers both: null when the day has no such entry.
    // A bucket key is its times' prefix, so they all sort between the key and the key followed by '~'.
    this.seen = db
      .prepare<[string, string, string, string, string, string], number | null>(
        `SELECT max(activity_date_time >= ? AND activity_date_time < ?) AS inHour
      FROM provisioning_events WHERE source_id = ? AND status = ? AND activity_date_time >= ? AND activity_date_time < ?`,
      )
      .pluck();
    this.add =
      db.prepare(`INSERT INTO outcome_buckets (grain, bucket, status, entries, objects) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (grain, bucket, status) DO UPDATE SET entries = entries + excluded.entries,
        objects = objects + excluded.objects`);
  }

  /**
   * Where the entry falls and whether its object is new to each bucket (null when the time is missing:
   * the insert then refuses the entry). Ask before the entry itself is stored.
   */
  observe(entry: BucketEntry): Observation | null {
    if (!entry.activityDateTime) return null;
    const hour = bucketKey('hour', entry.activityDateTime);
    const day = hour.slice(0, bucketKeyLength.day);
    // No source: each entry is an object of its own.
    const inHour = entry.sourceId
      ? (this.seen.get(hour, hour + '~', entry.sourceId, entry.status, day, day + '~') as number | null)
      : null;
    return { hour, day, status: entry.status, newInHour: !inHour, newInDay: inHour === null };
  }

  /** Counts a stored entry; `flush` writes the batch's counts (inside the batch's transaction). */
  count(seen: Observation): void {
    this.tally('hour', seen.hour, seen.status, seen.newInHour);
    this.tally('day', seen.day, seen.status, seen.newInDay);
  }

  private tally(grain: Grain, bucket: string, status: string, newObject: boolean): void {
    const id = `${bucket}|${status}`;
    let row = this.pending.get(id);
    if (!row) this.pending.set(id, (row = { grain, bucket, status, entries: 0, objects: 0 }));
    row.entries += 1;
    if (newObject) row.objects += 1;
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
