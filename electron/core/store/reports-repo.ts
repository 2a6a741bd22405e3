import { basename } from 'node:path';

import type Database from 'better-sqlite3';

import type { ReportOptions, ReportRecord } from '../../../shared/contract';

interface ReportRow {
  id: string;
  createdAt: string;
  createdBy: string | null;
  options: string;
  runId: number | null;
  state: ReportRecord['state'];
  path: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
}

const columns = `id, created_at AS createdAt, created_by AS createdBy, options, run_id AS runId, state, path,
  bytes, sha256, error`;

const toRecord = ({ options, path, ...row }: ReportRow): ReportRecord => ({
  ...row,
  options: JSON.parse(options) as ReportOptions,
  fileName: path ? basename(path) : null,
});

/** The reports table: one row per export, written when it starts and when it ends. */
export const reportsRepo = {
  start(
    db: Database.Database,
    report: { id: string; createdAt: string; createdBy: string | null; options: ReportOptions },
  ): void {
    db.prepare(
      `INSERT INTO reports (id, created_at, created_by, options, state) VALUES (@id, @createdAt, @createdBy, @options, 'writing')`,
    ).run({ ...report, options: JSON.stringify(report.options) });
  },
  finish(
    db: Database.Database,
    id: string,
    result: { runId: number | null; path: string; bytes: number; sha256: string; at: string },
  ): void {
    db.prepare(
      `UPDATE reports SET state = 'done', run_id = @runId, path = @path, bytes = @bytes, sha256 = @sha256,
              finished_at = @at WHERE id = @id`,
    ).run({ id, ...result });
  },
  fail(db: Database.Database, id: string, error: string, at: string): void {
    db.prepare(`UPDATE reports SET state = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(
      error,
      at,
      id,
    );
  },
  /** Whether this creator started a report (written or failed) at or after a time. */
  createdSince(db: Database.Database, createdBy: string, since: string): boolean {
    return (
      db
        .prepare(`SELECT 1 FROM reports WHERE created_by = ? AND created_at >= ? LIMIT 1`)
        .get(createdBy, since) !== undefined
    );
  },
  list(db: Database.Database, limit = 100): ReportRecord[] {
    return (
      db
        .prepare(`SELECT ${columns} FROM reports ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(limit) as ReportRow[]
    ).map(toRecord);
  },
  get(db: Database.Database, id: string): (ReportRecord & { path: string | null }) | undefined {
    const row = db.prepare(`SELECT ${columns} FROM reports WHERE id = ?`).get(id) as ReportRow | undefined;
    return row ? { ...toRecord(row), path: row.path } : undefined;
  },
};
