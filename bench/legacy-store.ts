import Database from 'better-sqlite3';

import { allRawEntries } from '../electron/core/store/provisioning-events-repo';

/**
 * Turns a current store (schema 14) back into the layout schemas 7 to 11 wrote (each entry whole, as text, in a
 * table keyed by Graph's id, auto-vacuum off), so the upgrade to the compact form can be timed on a
 * store of any size the bench builds.
 */
export function writeLegacyLayout(path: string): void {
  const db = new Database(path);
  try {
    // Backups are in rollback-journal mode; the reader below must not stop this writer spilling pages.
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE legacy_events (
      id TEXT PRIMARY KEY, activity_date_time TEXT NOT NULL, status TEXT NOT NULL, action TEXT NOT NULL,
      identity_type TEXT NOT NULL, source_id TEXT, source_display_name TEXT, target_id TEXT,
      target_display_name TEXT, error_code TEXT, cause TEXT, cycle_id TEXT, job_id TEXT, change_id TEXT,
      raw TEXT NOT NULL, ingested_at TEXT NOT NULL, seq INTEGER) WITHOUT ROWID`);
    const insert = db.prepare(
      `INSERT INTO legacy_events SELECT id, activity_date_time, status, action, identity_type, source_id,
         source_display_name, target_id, target_display_name, error_code, cause, cycle_id, job_id, change_id,
         ?, ingested_at, seq FROM provisioning_events WHERE seq = ?`,
    );
    const seqs = db.prepare('SELECT seq FROM provisioning_events ORDER BY seq').pluck().all() as number[];
    // Decoded on a second connection: this one is busy writing.
    const reader = new Database(path, { readonly: true });
    const raws = allRawEntries(reader);
    db.transaction(() => {
      for (const seq of seqs) insert.run(raws.next().value, seq);
    })();
    raws.return(undefined);
    reader.close();
    db.exec(`DROP TABLE provisioning_events;
      ALTER TABLE legacy_events RENAME TO provisioning_events;
      CREATE INDEX provisioning_events_by_time ON provisioning_events (activity_date_time, id);
      CREATE INDEX provisioning_events_by_status ON provisioning_events (status, activity_date_time);
      CREATE INDEX provisioning_events_by_source ON provisioning_events (source_id, activity_date_time);
      CREATE UNIQUE INDEX provisioning_events_by_seq ON provisioning_events (seq);
      CREATE INDEX provisioning_events_by_cause ON provisioning_events (cause, activity_date_time);
      ALTER TABLE store_state DROP COLUMN log_entries;
      DROP INDEX findings_by_severity;
      DROP TABLE store_conversion;
      DROP TABLE store_conversion_changes;
      DELETE FROM schema_migrations WHERE version > 11;
      PRAGMA user_version = 11;
      PRAGMA auto_vacuum = NONE;`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}
