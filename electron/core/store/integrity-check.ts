import Database from 'better-sqlite3';

export type CheckKind = 'quick' | 'full';

export interface CheckOutcome {
  kind: CheckKind;
  /** 'ok', or SQLite's first complaints joined by newlines. */
  result: string;
  ms: number;
}

/** SQLite's complaints are many lines for a badly damaged file; the first few say enough. */
const complaintsKept = 20;

/**
 * Checks a database file on a read-only connection of its own (in WAL mode it reads a consistent
 * snapshot while the writer goes on). `quick` skips index-to-table cross-checks; `full` does them.
 */
export function checkDatabase(path: string, kind: CheckKind, nativeBinding?: string | null): CheckOutcome {
  const started = performance.now();
  let db: Database.Database | undefined;
  try {
    db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    db.pragma('busy_timeout = 5000');
    const lines = db
      .prepare(
        kind === 'full'
          ? `PRAGMA integrity_check(${complaintsKept})`
          : `PRAGMA quick_check(${complaintsKept})`,
      )
      .pluck()
      .all() as string[];
    return { kind, result: lines.join('\n'), ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      kind,
      result: `The file could not be read: ${String(error)}`,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    db?.close();
  }
}

/** SQLite's codes for a damaged file, as better-sqlite3 reports them. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}
