import type { Migration } from '../migrate';

/**
 * Converting a file from before version 12 to incremental vacuum, in the background (see
 * store/store-conversion.ts): where it stands, and the rows changed while its copy was made, so the
 * copy can be brought up to date when it takes the file's place.
 */
export const storeConversion: Migration = {
  version: 14,
  name: 'store-conversion',
  sql: `
    CREATE TABLE store_conversion (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      started_at TEXT NOT NULL,       -- when changes began to be tracked and the copy began
      copied_at TEXT                  -- when the copy was complete; it takes the file's place at a later open
    );
    CREATE TABLE store_conversion_changes (
      tbl TEXT NOT NULL,
      key TEXT NOT NULL,              -- the row's primary key, a JSON array
      PRIMARY KEY (tbl, key)
    ) WITHOUT ROWID;
  `,
};
