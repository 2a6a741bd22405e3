import type { Migration } from '../migrate';

/**
 * What the store knows about itself: its last integrity check (and whether one is due, after an
 * unclean shutdown), the last retention pass, and one size sample a day (growth per day in Settings
 * and `status`).
 */
export const storeState: Migration = {
  version: 11,
  name: 'store-state',
  sql: `
    CREATE TABLE store_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      check_at TEXT,                  -- the last integrity check: when, which, and what it said
      check_kind TEXT,                -- 'quick' | 'full'
      check_result TEXT,              -- 'ok', or SQLite's first complaints
      check_ms INTEGER,
      check_due INTEGER NOT NULL DEFAULT 0,  -- 1 after an unclean shutdown, until a check passes
      pruned_at TEXT,                 -- the last retention pass
      pruned_rows INTEGER
    );
    INSERT INTO store_state (id) VALUES (1);

    CREATE TABLE store_sizes (
      day TEXT PRIMARY KEY,           -- UTC date
      bytes INTEGER NOT NULL,         -- pages in use (the file less its free pages)
      file_bytes INTEGER NOT NULL,
      events INTEGER NOT NULL
    ) WITHOUT ROWID;
  `,
};
