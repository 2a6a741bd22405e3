import type Database from 'better-sqlite3';

/** The b-trees that grow with the log: the table, its indexes and the search index's shadow tables. */
const logTrees = `name = 'provisioning_events' OR name LIKE 'provisioning_events_by_%'
  OR name LIKE 'sqlite_autoindex_provisioning_events_%' OR name LIKE 'event_search_%'`;

export interface Footprint {
  entries: number;
  /** Pages of the log's b-trees per entry (what the log costs on disk, free space inside pages included). */
  logBytesPerEntry: number;
  /** The whole file (directory, findings and all) per entry. */
  fileBytesPerEntry: number;
  /** The packed entry alone, on average. */
  packedBytesPerEntry: number;
  rawBytesPerEntry: number | null;
}

/** Measures a store with SQLite's own page accounting (dbstat): no estimate, every page counted. */
export function logFootprint(db: Database.Database, rawBytes?: number): Footprint {
  const entries = db.prepare('SELECT count(*) FROM provisioning_events').pluck().get() as number;
  const logBytes = db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE ${logTrees}`).pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const packed = db.prepare('SELECT avg(length(entry)) FROM provisioning_events').pluck().get() as number;
  const per = (bytes: number) => Math.round(bytes / Math.max(1, entries));
  return {
    entries,
    logBytesPerEntry: per(logBytes),
    fileBytesPerEntry: per(pages * pageSize),
    packedBytesPerEntry: Math.round(packed),
    rawBytesPerEntry: rawBytes === undefined ? null : per(rawBytes),
  };
}
