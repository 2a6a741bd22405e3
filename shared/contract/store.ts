/** What an integrity check of the profile's database found. */
export interface StoreCheck {
  at: string;
  /** quick: pages and records; full: also every index against its table. */
  kind: 'quick' | 'full';
  ok: boolean;
  /** 'ok', or SQLite's first complaints. */
  result: string;
  ms: number;
}

/**
 * How the space pruned history held goes back to the disk: page by page (incremental vacuum), or,
 * in a file from before version 12, not yet: it is reused until the file is converted in the
 * background (pending, copying) and the converted copy takes its place at the next start (ready).
 */
export type SpaceReturn = 'incremental' | 'pending' | 'copying' | 'ready';

/** The profile's database as `status`, Settings and `diagnose` describe it. */
export interface StoreStatus {
  path: string;
  schemaVersion: number;
  /** The file and its write-ahead log on disk. */
  sizeBytes: number;
  /** Pages holding data. */
  usedBytes: number;
  growthBytesPerDay: number | null;
  diskFreeBytes: number | null;
  provisioningEvents: number;
  oldestEventAt: string | null;
  retentionDays: number;
  lastCheck: StoreCheck | null;
  /** After an unclean shutdown (or a failed check), until a check passes. */
  checkDue: boolean;
  lastPrune: { at: string; rows: number } | null;
  spaceReturn: SpaceReturn;
  /** Low disk, or a failed check: said on the status bar and by `status`. */
  warnings: string[];
}

/** The database's inner state for a support ticket (`scimwatch diagnose`). */
export interface StoreInfo {
  status: StoreStatus;
  sqliteVersion: string;
  migrations: { version: number; name: string; appliedAt: string }[];
  pragmas: Record<string, string | number>;
  /** Rows per table (the log's count is exact; it is the one that grows). */
  rows: Record<string, number>;
}
