import type Database from 'better-sqlite3';

import type { ProvisioningEventRow } from '../../../shared/contract';
import { entryFacts } from './entry-facts';
import { packEntry, unpackEntry, type EntryKeys } from './entry-codec';
import { indexEventsSql } from './event-search';
import { ObjectFailuresRepo } from './object-failures-repo';
import { OutcomeBucketsRepo } from './outcome-buckets-repo';

/** One provisioning log entry as stored: the columns the UI filters on, plus the entry as received. */
export interface ProvisioningEventRecord extends ProvisioningEventRow {
  changeId: string | null;
  /** The Graph entry as JSON text; stored packed, and read back byte for byte (entry-codec.ts). */
  raw: string;
  ingestedAt: string;
}

export const insertSql = `INSERT INTO provisioning_events (id, activity_date_time, status, action, identity_type,
  source_id, source_display_name, target_id, target_display_name, error_code, cause, cycle_id, job_id,
  change_id, reason, identity_values, ingested_at, entry, seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO NOTHING`;

/**
 * A record's values in the insert's order, the entry packed (the search sequence number follows
 * them). The insert binds by position, measurably cheaper than binding by name; the insert
 * benchmark's raw baseline uses the same values.
 */
export function insertValues(r: ProvisioningEventRecord): unknown[] {
  // Read from the entry itself, so the columns can never disagree with what they summarise.
  const facts = entryFacts(JSON.parse(r.raw) as Parameters<typeof entryFacts>[0]);
  return [
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
    facts.reason,
    facts.identityValues,
    r.ingestedAt,
    packEntry(r.raw, r),
  ];
}

/**
 * Folds the entries a batch added (their ids as a JSON array) into each object's latest entry, one
 * statement for the whole batch rather than one per entry. A later entry (by time, then id) replaces
 * an earlier one, whatever order the pages bring them in. A failure's reason (Entra quotes Pulumi's
 * SCIM error in it) is read from the stored entry, only for failures.
 */
const foldOutcomesSql = `INSERT INTO object_outcomes (entra_id, identity_type, event_id, activity_date_time, status,
    action, cause, error_code, reason, display_name)
  SELECT source_id, identity_type, id, activity_date_time, status, action, cause, error_code,
         CASE status WHEN 'failure' THEN reason END,
         source_display_name
    FROM provisioning_events WHERE id IN (SELECT value FROM json_each(?)) AND source_id IS NOT NULL
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
  private readonly insert: Database.Statement<unknown[]>;
  private readonly foldOutcomes: Database.Statement<[string]>;
  private readonly indexEvents: Database.Statement<[string]>;
  private readonly lastSeq: Database.Statement<[], { seq: number | null }>;
  private readonly buckets: OutcomeBucketsRepo;
  private readonly failures: ObjectFailuresRepo;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare<unknown[]>(insertSql);
    this.foldOutcomes = db.prepare<[string]>(foldOutcomesSql);
    this.indexEvents = db.prepare<[string]>(indexEventsSql);
    this.lastSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM provisioning_events');
    this.buckets = new OutcomeBucketsRepo(db);
    this.failures = new ObjectFailuresRepo(db);
  }

  /**
   * Inserts a batch in one transaction, with what is kept as entries arrive (each object's latest
   * outcome, the outcome buckets, each object's last failure, the search index); returns how many
   * were new.
   */
  insertBatch(records: readonly ProvisioningEventRecord[]): number {
    return this.db.transaction(() => {
      const added: string[] = [];
      let seq = this.lastSeq.get()?.seq ?? 0;
      for (const record of records) {
        const seen = this.buckets.observe(record);
        if (!this.insert.run(...insertValues(record), seq + 1).changes) continue;
        seq += 1;
        added.push(record.id);
        if (seen) this.buckets.count(seen);
        if (record.status === 'failure')
          this.failures.record(record.sourceId ?? record.id, record.cause, record.activityDateTime);
      }
      if (added.length) {
        const ids = JSON.stringify(added);
        this.foldOutcomes.run(ids);
        this.indexEvents.run(ids);
      }
      this.buckets.flush();
      return added.length;
    })();
  }

  count(): number {
    return countProvisioningEvents(this.db);
  }
}

/** How many provisioning events the store holds (kept by triggers: reading it costs nothing at any size). */
export function countProvisioningEvents(db: Database.Database): number {
  return db.prepare('SELECT log_entries FROM store_state WHERE id = 1').pluck().get() as number;
}

type PackedRow = EntryKeys & { packed: Uint8Array };

const packedColumns = `id, job_id AS jobId, cycle_id AS cycleId, change_id AS changeId, source_id AS sourceId,
  target_id AS targetId, source_display_name AS sourceDisplayName, target_display_name AS targetDisplayName,
  entry AS packed`;

/** One entry's JSON text as Graph sent it (null when no entry has that id). */
export function readRawEntry(db: Database.Database, id: string): string | null {
  const row = db.prepare(`SELECT ${packedColumns} FROM provisioning_events WHERE id = ?`).get(id) as
    PackedRow | undefined;
  return row ? unpackEntry(row.packed, row) : null;
}

/** The newest entry by activity time, as Graph sent it (it names the app and its service principal). */
export function readNewestRawEntry(db: Database.Database): string | null {
  const row = db
    .prepare(`SELECT ${packedColumns} FROM provisioning_events ORDER BY activity_date_time DESC LIMIT 1`)
    .get() as PackedRow | undefined;
  return row ? unpackEntry(row.packed, row) : null;
}

/** Every stored entry as Graph sent it, in arrival order (the connection is busy until it ends). */
export function* allRawEntries(db: Database.Database): Generator<string> {
  const rows = db.prepare(`SELECT ${packedColumns} FROM provisioning_events ORDER BY seq`).iterate();
  for (const row of rows as IterableIterator<PackedRow>) yield unpackEntry(row.packed, row);
}
