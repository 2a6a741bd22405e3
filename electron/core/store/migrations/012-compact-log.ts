import type Database from 'better-sqlite3';

import { entryFacts } from '../entry-facts';
import { packEntry } from '../entry-codec';
import type { Migration } from '../migrate';

/** Rows moved per statement while the log is rewritten (bounded memory at any size). */
const batchRows = 2_000;

const createTable = `
  CREATE TABLE provisioning_events_compact (
    seq INTEGER PRIMARY KEY,          -- arrival order; the search index's rowid
    id TEXT NOT NULL UNIQUE,          -- Graph's id
    activity_date_time TEXT NOT NULL,
    status TEXT NOT NULL,
    action TEXT NOT NULL,
    identity_type TEXT NOT NULL,
    source_id TEXT,
    source_display_name TEXT,
    target_id TEXT,
    target_display_name TEXT,
    error_code TEXT,
    cause TEXT,
    cycle_id TEXT,
    job_id TEXT,
    change_id TEXT,
    reason TEXT,                      -- Entra's reason for a failure or skip
    identity_values TEXT,             -- identity values the entry set, for search
    ingested_at TEXT NOT NULL,
    entry BLOB NOT NULL               -- the Graph entry as received, packed (entry-codec.ts)
  )`;

/** What each entry is decoded with must never change under it. */
const guardKeys = `
  CREATE TRIGGER provisioning_events_keys_fixed
    BEFORE UPDATE OF id, job_id, cycle_id, change_id, source_id, target_id, source_display_name,
      target_display_name ON provisioning_events
  BEGIN
    SELECT RAISE(ABORT, 'A log entry''s ids and names are fixed once stored: its packed entry depends on them.');
  END`;

/**
 * The log's size kept as it changes: \`count(*)\` reads a whole index (about 0.1 s for a million
 * entries), and the status bar asks on every change.
 */
const countEntries = `
  ALTER TABLE store_state ADD COLUMN log_entries INTEGER NOT NULL DEFAULT 0;
  UPDATE store_state SET log_entries = (SELECT count(*) FROM provisioning_events);
  CREATE TRIGGER provisioning_events_counted_in AFTER INSERT ON provisioning_events
  BEGIN UPDATE store_state SET log_entries = log_entries + 1 WHERE id = 1; END;
  CREATE TRIGGER provisioning_events_counted_out AFTER DELETE ON provisioning_events
  BEGIN UPDATE store_state SET log_entries = log_entries - 1 WHERE id = 1; END`;

const indexes = `
  CREATE INDEX provisioning_events_by_time ON provisioning_events (activity_date_time, id);
  CREATE INDEX provisioning_events_by_status ON provisioning_events (status, activity_date_time);
  CREATE INDEX provisioning_events_by_source ON provisioning_events (source_id, activity_date_time);
  CREATE INDEX provisioning_events_by_cause ON provisioning_events (cause, activity_date_time)`;

interface OldRow {
  seq: number;
  id: string;
  raw: string;
  [column: string]: unknown;
}

function moveRows(db: Database.Database): void {
  const read = db.prepare<[number, number], OldRow>(
    `SELECT seq, id, activity_date_time, status, action, identity_type, source_id, source_display_name,
            target_id, target_display_name, error_code, cause, cycle_id, job_id, change_id, ingested_at, raw
       FROM provisioning_events WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const write = db.prepare(
    `INSERT INTO provisioning_events_compact VALUES (@seq, @id, @activity_date_time, @status, @action,
       @identity_type, @source_id, @source_display_name, @target_id, @target_display_name, @error_code,
       @cause, @cycle_id, @job_id, @change_id, @reason, @identity_values, @ingested_at, @entry)`,
  );
  for (let after = 0, rows = read.all(after, batchRows); rows.length; rows = read.all(after, batchRows)) {
    for (const { raw, ...row } of rows) {
      const facts = entryFacts(JSON.parse(raw) as Parameters<typeof entryFacts>[0]);
      const entry = packEntry(raw, {
        id: row.id,
        jobId: row.job_id as string | null,
        cycleId: row.cycle_id as string | null,
        changeId: row.change_id as string | null,
        sourceId: row.source_id as string | null,
        targetId: row.target_id as string | null,
        sourceDisplayName: row.source_display_name as string | null,
        targetDisplayName: row.target_display_name as string | null,
      });
      write.run({ ...row, reason: facts.reason, identity_values: facts.identityValues, entry });
    }
    after = rows[rows.length - 1]?.seq ?? after;
  }
}

/**
 * The log in its compact form (about a fifth of the bytes): a rowid table in arrival order, so new
 * entries append to full pages and every index carries a small integer rather than Graph's id; the
 * entry packed; the two things read out of it (reason, identity values) in columns. Every stored
 * entry is moved, in arrival order, and reads back byte-equal (the migration test proves it).
 * It rewrites the largest table, so a backup is taken first.
 */
export const compactLog: Migration = {
  version: 12,
  name: 'compact-log',
  rewritesTables: true,
  run(db) {
    db.exec(createTable);
    moveRows(db);
    db.exec(`DROP TABLE provisioning_events;
      ALTER TABLE provisioning_events_compact RENAME TO provisioning_events;
      ${indexes};
      ${guardKeys};
      ${countEntries};`);
  },
};
