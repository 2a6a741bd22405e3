import type Database from 'better-sqlite3';

export interface StoreState {
  checkAt: string | null;
  checkKind: 'quick' | 'full' | null;
  checkResult: string | null;
  checkMs: number | null;
  checkDue: boolean;
  prunedAt: string | null;
  prunedRows: number | null;
}

const columns = `check_at AS checkAt, check_kind AS checkKind,
  check_result AS checkResult, check_ms AS checkMs, check_due AS checkDue, pruned_at AS prunedAt,
  pruned_rows AS prunedRows`;

/** The store's record of itself (migration 11): one row. */
export function readStoreState(db: Database.Database): StoreState {
  const row = db.prepare(`SELECT ${columns} FROM store_state WHERE id = 1`).get() as
    (Omit<StoreState, 'checkDue'> & { checkDue: number }) | undefined;
  if (!row) throw new Error('The store has no state row; it was not migrated.');
  return { ...row, checkDue: row.checkDue === 1 };
}

/** After an unclean shutdown: the full check is due, and stays due until one passes. */
export function markCheckDue(db: Database.Database): void {
  db.prepare('UPDATE store_state SET check_due = 1 WHERE id = 1').run();
}

export function recordCheck(
  db: Database.Database,
  check: { at: string; kind: 'quick' | 'full'; result: string; ms: number },
): void {
  db.prepare(
    `UPDATE store_state SET check_at = @at, check_kind = @kind, check_result = @result, check_ms = @ms,
       check_due = CASE WHEN @result = 'ok' THEN 0 ELSE 1 END WHERE id = 1`,
  ).run(check);
}

export function recordPrune(db: Database.Database, at: string, rows: number): void {
  db.prepare('UPDATE store_state SET pruned_at = ?, pruned_rows = ? WHERE id = 1').run(at, rows);
}
