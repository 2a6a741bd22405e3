import type Database from 'better-sqlite3';

/** Default days of history kept: well beyond Graph's 30, which is much of ScimWatch's worth. */
export const defaultRetentionDays = 400;

/** Rows removed per transaction: a write short enough that the writer's other work never waits long. */
export const pruneBatchRows = 1_000;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Each kind of history kept, and how to remove a batch of it from before a time. */
const pruners: readonly { name: string; sql: string }[] = [
  {
    // The search index first, for the same entries, so no search finds an entry that is gone.
    name: 'provisioning_events',
    sql: `DELETE FROM provisioning_events WHERE seq IN (
            SELECT seq FROM provisioning_events WHERE activity_date_time < @cutoff
             ORDER BY activity_date_time LIMIT @limit)
          RETURNING seq`,
  },
  {
    name: 'outcome_buckets',
    sql: `DELETE FROM outcome_buckets WHERE (grain, bucket, status) IN (
            SELECT grain, bucket, status FROM outcome_buckets
             WHERE bucket < substr(@cutoff, 1, CASE grain WHEN 'hour' THEN 13 ELSE 10 END) LIMIT @limit)
          RETURNING 1`,
  },
  {
    name: 'object_failures',
    sql: `DELETE FROM object_failures WHERE (object_id, cause) IN (
            SELECT object_id, cause FROM object_failures WHERE last_failed_at < @cutoff LIMIT @limit)
          RETURNING 1`,
  },
  {
    // The job's latest status stays, however old: it is the job's state now.
    name: 'job_status_changes',
    sql: `DELETE FROM job_status_changes WHERE id IN (
            SELECT id FROM job_status_changes j WHERE observed_at < @cutoff
               AND id < (SELECT max(id) FROM job_status_changes k WHERE k.job_id = j.job_id) LIMIT @limit)
          RETURNING 1`,
  },
  {
    // A finding's versions that ended before the cutoff, and every version of one resolved before it.
    name: 'finding_versions',
    sql: `DELETE FROM finding_versions WHERE rowid IN (
            SELECT rowid FROM finding_versions
             WHERE valid_to_run IN (SELECT id FROM reconciliation_runs WHERE started_at < @cutoff)
                OR finding_key IN (SELECT key FROM findings WHERE resolved_at < @cutoff)
             LIMIT @limit)
          RETURNING 1`,
  },
  {
    name: 'findings',
    sql: `DELETE FROM findings WHERE key IN (
            SELECT key FROM findings f WHERE resolved_at < @cutoff
               AND NOT EXISTS (SELECT 1 FROM finding_versions v WHERE v.finding_key = f.key) LIMIT @limit)
          RETURNING 1`,
  },
  {
    name: 'checklist_versions',
    sql: `DELETE FROM checklist_versions WHERE version IN (
            SELECT version FROM checklist_versions
             WHERE valid_to_run IN (SELECT id FROM reconciliation_runs WHERE started_at < @cutoff) LIMIT @limit)
          RETURNING 1`,
  },
  {
    // Runs nothing kept refers to: every reference to a run is at or after the first run a finding,
    // a version or a report names, so the runs before it go (the latest run always stays).
    name: 'reconciliation_runs',
    sql: `DELETE FROM reconciliation_runs WHERE id IN (
            SELECT id FROM reconciliation_runs
             WHERE started_at < @cutoff AND id < (SELECT max(id) FROM reconciliation_runs)
               AND id < coalesce((SELECT min(first) FROM (
                     SELECT min(first_seen_run) AS first FROM findings
                     UNION ALL SELECT min(valid_from_run) FROM finding_versions
                     UNION ALL SELECT min(valid_from_run) FROM checklist_versions
                     UNION ALL SELECT min(run_id) FROM reports)), 9223372036854775807)
             ORDER BY id LIMIT @limit)
          RETURNING 1`,
  },
];

/**
 * Removes history older than the retention period, a batch per transaction, yielding between them
 * so requests and polls interleave. Readers are never blocked (WAL): each sees the table before or
 * after a batch. Returns the rows removed per table.
 */
export async function pruneHistory(
  db: Database.Database,
  cutoff: string,
  signal?: AbortSignal,
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  const unindex = db.prepare('DELETE FROM event_search WHERE rowid = ?');
  for (const { name, sql } of pruners) {
    const statement = db.prepare(sql);
    removed[name] = 0;
    for (;;) {
      if (signal?.aborted) return removed;
      const batch = db.transaction(() => {
        const rows = statement.all({ cutoff, limit: pruneBatchRows }) as { seq?: number }[];
        for (const row of rows) if (row.seq !== undefined) unindex.run(row.seq);
        return rows.length;
      })();
      removed[name] += batch;
      if (batch < pruneBatchRows) break;
      await yieldToOthers();
    }
  }
  return removed;
}

/**
 * Gives free pages back to the file system, a few megabytes per transaction (files created with
 * incremental auto-vacuum; older files keep free pages for reuse until converted). Returns the
 * pages released.
 */
export async function releaseFreePages(
  db: Database.Database,
  pagesPerStep = 2_048,
  signal?: AbortSignal,
): Promise<number> {
  if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) return 0;
  const pages = () => db.pragma('page_count', { simple: true }) as number;
  const before = pages();
  for (;;) {
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free === 0 || signal?.aborted) return before - pages();
    db.pragma(`incremental_vacuum(${Math.min(free, pagesPerStep)})`);
    await yieldToOthers();
  }
}

/**
 * Merges the search index's segments a few pages at a time: each ingest adds a small segment, and
 * small segments cost several times the bytes of merged ones (a fifth of the log's footprint on a
 * young store). Stops when a step finds nothing left to merge.
 */
export async function mergeSearchIndex(
  db: Database.Database,
  pagesPerStep = 500,
  signal?: AbortSignal,
): Promise<number> {
  const merge = db.prepare("INSERT INTO event_search (event_search, rank) VALUES ('merge', ?)");
  // A step that merged anything wrote new segments: the set of segment ids tells.
  const segments = db.prepare(
    'SELECT group_concat(segid) FROM (SELECT DISTINCT segid FROM event_search_idx)',
  );
  for (let step = 0; step < 50 && !signal?.aborted; step++) {
    const before = segments.pluck().get();
    merge.run(-pagesPerStep);
    if (segments.pluck().get() === before) return step;
    await yieldToOthers();
  }
  return 50;
}
