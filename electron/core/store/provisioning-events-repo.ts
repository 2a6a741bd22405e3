import type Database from 'better-sqlite3';

import type { ProvisioningEventRow } from '../../../shared/contract';

/** One provisioning log entry as stored: the columns the UI filters on, plus the entry as received. */
export interface ProvisioningEventRecord extends ProvisioningEventRow {
  changeId: string | null;
  /** The Graph entry as JSON text, kept whole so later features can read fields not yet in columns. */
  raw: string;
  ingestedAt: string;
}

const insertSql = `INSERT INTO provisioning_events (id, activity_date_time, status, action, identity_type,
  source_id, source_display_name, target_id, target_display_name, error_code, cause, cycle_id, job_id,
  change_id, raw, ingested_at)
  VALUES (@id, @activityDateTime, @status, @action, @identityType, @sourceId, @sourceDisplayName, @targetId,
  @targetDisplayName, @errorCode, @cause, @cycleId, @jobId, @changeId, @raw, @ingestedAt)
  ON CONFLICT (id) DO NOTHING`;

/**
 * Writes provisioning events. Graph's log pages overlap on purpose (entries land late), so an id
 * seen before is skipped rather than rewritten; the caller commits each page with its cursor.
 */
export class ProvisioningEventsRepo {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(insertSql);
  }

  /** Inserts a batch in one transaction; returns how many were new. */
  insertBatch(records: readonly ProvisioningEventRecord[]): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const record of records) added += this.insert.run(record).changes;
      return added;
    })();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM provisioning_events').get() as { n: number }).n;
  }
}
