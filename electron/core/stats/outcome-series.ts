import type Database from 'better-sqlite3';

import {
  provisioningStatuses,
  type OutcomeBucket,
  type OutcomeSeries,
  type StatRange,
} from '../../../shared/contract';
import { bucketKey, bucketStart, grainMs, readOutcomeBuckets } from '../store/outcome-buckets-repo';
import { statWindow } from './stat-window';

function emptyOutcomes(): OutcomeBucket['outcomes'] {
  return Object.fromEntries(
    provisioningStatuses.map((s) => [s, { entries: 0, objects: 0 }]),
  ) as OutcomeBucket['outcomes'];
}

/**
 * Outcomes per bucket from the rollups kept at ingest: one row per bucket and status, however many
 * entries the log holds. Every bucket from the range's first to now is present, empty ones as zeros.
 */
export function outcomeSeries(db: Database.Database, range: StatRange, now: number): OutcomeSeries {
  const window = statWindow(range, now);
  const rows = readOutcomeBuckets(db, window.grain, window.fromKey);
  const firstKey = window.fromKey ?? rows[0]?.bucket ?? null;
  if (firstKey === null) return { range, grain: window.grain, from: null, to: window.to, buckets: [] };
  const byKey = new Map<string, OutcomeBucket['outcomes']>();
  for (const row of rows) {
    const outcomes = byKey.get(row.bucket) ?? emptyOutcomes();
    // A status outside the contract's list (none today) would have nowhere to go: skip rather than guess.
    if ((provisioningStatuses as readonly string[]).includes(row.status))
      outcomes[row.status] = { entries: row.entries, objects: row.objects };
    byKey.set(row.bucket, outcomes);
  }
  // Entries dated after now (a skewed clock) still show, in their own buckets.
  const lastKey = [bucketKey(window.grain, now), rows.at(-1)?.bucket ?? ''].sort().at(-1) as string;
  const buckets: OutcomeBucket[] = [];
  for (let t = bucketStart(window.grain, firstKey); ; t += grainMs[window.grain]) {
    const key = bucketKey(window.grain, t);
    if (key > lastKey) break;
    buckets.push({ start: new Date(t).toISOString(), outcomes: byKey.get(key) ?? emptyOutcomes() });
  }
  return { range, grain: window.grain, from: buckets[0]?.start ?? null, to: window.to, buckets };
}
