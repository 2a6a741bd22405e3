import type Database from 'better-sqlite3';

import type { FindingsTrend, FindingsTrendPoint, StatRange } from '../../../shared/contract';
import { bucketKeyLength } from '../store/outcome-buckets-repo';
import { statWindow } from './stat-window';

/** Open findings at the last completed run of each bucket of the range (each run's counts are columns). */
export function findingsTrend(db: Database.Database, range: StatRange, now: number): FindingsTrend {
  const { grain, since, to } = statWindow(range, now);
  const points = db
    .prepare(
      `SELECT id AS runId, finished_at AS at, open_errors AS error, open_warnings AS warning, open_info AS info,
              open_roots AS roots
         FROM reconciliation_runs
        WHERE id IN (SELECT max(id) FROM reconciliation_runs
                      WHERE status = 'completed' AND finished_at >= ? GROUP BY substr(finished_at, 1, ?))
        ORDER BY id`,
    )
    .all(since ?? '', bucketKeyLength[grain]) as FindingsTrendPoint[];
  return { range, grain, since, to, points };
}
