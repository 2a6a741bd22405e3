import type Database from 'better-sqlite3';

/** The job's schema and its settings (secrets, masked), each kept as a new snapshot when it changes. */
export type SnapshotTable = 'schema_snapshots' | 'secret_snapshots';

export interface SnapshotRow {
  hash: string;
  body: string;
}

/** The newest snapshot (of one job, when given). */
export function latestSnapshot(
  db: Database.Database,
  table: SnapshotTable,
  jobId?: string,
): SnapshotRow | undefined {
  return (
    jobId === undefined
      ? db.prepare(`SELECT hash, body FROM ${table} ORDER BY id DESC LIMIT 1`).get()
      : db.prepare(`SELECT hash, body FROM ${table} WHERE job_id = ? ORDER BY id DESC LIMIT 1`).get(jobId)
  ) as SnapshotRow | undefined;
}

export function insertSnapshot(
  db: Database.Database,
  table: SnapshotTable,
  row: { jobId: string; takenAt: string; hash: string; body: string; diff: string | null },
): void {
  db.prepare(`INSERT INTO ${table} (job_id, taken_at, hash, body, diff) VALUES (?, ?, ?, ?, ?)`).run(
    row.jobId,
    row.takenAt,
    row.hash,
    row.body,
    row.diff,
  );
}

/** The job's settings as last read (BaseAddress, SyncAll, SkipOutOfScopeDeletions, …), by key. */
export function latestSecrets(db: Database.Database): Map<string, string> {
  const body = latestSnapshot(db, 'secret_snapshots')?.body;
  const pairs = body ? (JSON.parse(body) as { key: string; value: string }[]) : [];
  return new Map(pairs.map((pair) => [pair.key, pair.value]));
}
