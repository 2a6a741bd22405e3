import type Database from 'better-sqlite3';

import type { FailureCauseCounts, StatRange } from '../../../shared/contract';
import type { FailureCause } from '../../../shared/finding-kinds';
import { failedObjects, failuresByCause } from '../store/object-failures-repo';
import { statWindow } from './stat-window';

/** Distinct objects that failed in the range, per cause and in all, from each object's last failure. */
export function failureCauseCounts(db: Database.Database, range: StatRange, now: number): FailureCauseCounts {
  const { since, to } = statWindow(range, now);
  return {
    range,
    since,
    to,
    causes: failuresByCause(db, since).map((row) => ({
      cause: row.cause as FailureCause,
      objects: row.objects,
    })),
    objects: failedObjects(db, since),
  };
}
