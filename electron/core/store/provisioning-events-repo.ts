import type Database from 'better-sqlite3';

import type { ProvisioningEventRow } from '../../../shared/contract';

/** One provisioning log entry as stored: the columns the UI filters on, plus the entry as received. */
export interface ProvisioningEventRecord extends ProvisioningEventRow {
  changeId: string | null;
  /** A failure's reason (Entra quotes Pulumi's SCIM error in it); kept with the object's latest outcome. */
  reason: string | null;
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

/** Keeps each object's latest entry: a later entry (by time, then id) replaces an earlier one. */
const outcomeSql = `INSERT INTO object_outcomes (entra_id, identity_type, event_id, activity_date_time, status,
  action, cause, error_code, reason, display_name)
  VALUES (@sourceId, @identityType, @id, @activityDateTime, @status, @action, @cause, @errorCode, @reason,
    @sourceDisplayName)
  ON CONFLICT (entra_id) DO UPDATE SET identity_type = excluded.identity_type, event_id = excluded.event_id,
    activity_date_time = excluded.activity_date_time, status = excluded.status, action = excluded.action,
    cause = excluded.cause, error_code = excluded.error_code, reason = excluded.reason,
    display_name = excluded.display_name
  WHERE (excluded.activity_date_time, excluded.event_id) > (object_outcomes.activity_date_time, object_outcomes.event_id)`;

/**
 * Writes provisioning events. Graph's log pages overlap on purpose (entries land late), so an id
 * seen before is skipped rather than rewritten; the caller commits each page with its cursor.
 */
export class ProvisioningEventsRepo {
  private readonly insert: Database.Statement;
  private readonly outcome: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(insertSql);
    this.outcome = db.prepare(outcomeSql);
  }

  /** Inserts a batch in one transaction (with each object's latest outcome); returns how many were new. */
  insertBatch(records: readonly ProvisioningEventRecord[]): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const record of records) {
        const isNew = this.insert.run(record).changes;
        if (isNew && record.sourceId) this.outcome.run(record);
        added += isNew;
      }
      return added;
    })();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM provisioning_events').get() as { n: number }).n;
  }
}
