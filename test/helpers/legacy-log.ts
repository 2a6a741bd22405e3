import type Database from 'better-sqlite3';

import type { ProvisioningEventRecord } from '../../electron/core/store/provisioning-events-repo';

/**
 * Writes entries as schemas 1 to 11 stored them (the entry whole, as text, keyed by Graph's id), for
 * tests that migrate an older database. Schema 7 added `seq`; before it the row ends at `ingested_at`.
 */
export function insertLegacyEvents(db: Database.Database, records: readonly ProvisioningEventRecord[]): void {
  const withSeq = db
    .prepare("SELECT 1 FROM pragma_table_info('provisioning_events') WHERE name = 'seq'")
    .get();
  const columns = `id, activity_date_time, status, action, identity_type, source_id, source_display_name,
    target_id, target_display_name, error_code, cause, cycle_id, job_id, change_id, raw, ingested_at`;
  const insert = db.prepare(
    withSeq
      ? `INSERT INTO provisioning_events (${columns}, seq) VALUES (${'?, '.repeat(16)}?)`
      : `INSERT INTO provisioning_events (${columns}) VALUES (${'?, '.repeat(15)}?)`,
  );
  const last = withSeq
    ? ((db.prepare('SELECT max(seq) FROM provisioning_events').pluck().get() as number | null) ?? 0)
    : 0;
  db.transaction(() =>
    records.forEach((r, i) => {
      const values = [
        r.id,
        r.activityDateTime,
        r.status,
        r.action,
        r.identityType,
        r.sourceId,
        r.sourceDisplayName,
        r.targetId,
        r.targetDisplayName,
        r.errorCode,
        r.cause,
        r.cycleId,
        r.jobId,
        r.changeId,
        r.raw,
        r.ingestedAt,
      ];
      insert.run(...values, ...(withSeq ? [last + i + 1] : []));
    }),
  )();
}
