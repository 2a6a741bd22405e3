import type { Migration } from '../migrate';

/**
 * Every export ScimWatch wrote: its options, the run it reflects, where it went and the SHA-256 of
 * the file, so an auditor can check a report against ScimWatch's own history.
 */
export const reports: Migration = {
  version: 10,
  name: 'reports',
  sql: `
    CREATE TABLE reports (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      created_by TEXT,
      options TEXT NOT NULL,          -- JSON: the report's options, as given
      run_id INTEGER REFERENCES reconciliation_runs (id),
      state TEXT NOT NULL,            -- 'writing' | 'done' | 'failed'
      path TEXT,                      -- where the file was written
      bytes INTEGER,
      sha256 TEXT,
      error TEXT,
      finished_at TEXT
    ) WITHOUT ROWID;
    CREATE INDEX reports_by_time ON reports (created_at);
  `,
};
