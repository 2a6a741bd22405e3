import type Database from 'better-sqlite3';

export interface CauseCount {
  cause: string;
  objects: number;
}

/**
 * When each object last failed, per cause, kept as entries arrive. The dashboard's ranges all end now,
 * so the objects that failed since T are exactly those whose last failure is at or after T: one index
 * range, however long the history.
 */
export class ObjectFailuresRepo {
  private readonly upsert: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`INSERT INTO object_failures (object_id, cause, last_failed_at) VALUES (?, ?, ?)
      ON CONFLICT (object_id, cause) DO UPDATE SET last_failed_at = max(last_failed_at, excluded.last_failed_at)`);
  }

  record(objectId: string, cause: string | null, failedAt: string): void {
    this.upsert.run(objectId, cause ?? 'unknown', failedAt);
  }
}

/** Distinct objects per cause that failed at or after `since` (all history when null), most first. */
export function failuresByCause(db: Database.Database, since: string | null): CauseCount[] {
  return db
    .prepare(
      `SELECT cause, count(*) AS objects FROM object_failures WHERE last_failed_at >= ?
        GROUP BY cause ORDER BY objects DESC, cause`,
    )
    .all(since ?? '') as CauseCount[];
}

/** Distinct objects that failed at or after `since`, whatever the cause. */
export function failedObjects(db: Database.Database, since: string | null): number {
  return (
    db
      .prepare('SELECT count(DISTINCT object_id) AS n FROM object_failures WHERE last_failed_at >= ?')
      .get(since ?? '') as { n: number }
  ).n;
}
