import type Database from 'better-sqlite3';

/** The collectors' sources, one poll_state row each. */
export type PollSource =
  | 'entra.provisioningEvents'
  | 'entra.job'
  | 'entra.configuration'
  | 'entra.directory'
  | 'pulumi.scim'
  | 'pulumi.rest';

/** One source's row: where its reads stand, and how its last runs went. */
export interface PollRow {
  source: PollSource;
  watermark: string | null;
  cursor: string | null;
  deltaLink: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorHint: string | null;
  nextRunAt: string | null;
  itemsFetched: number | null;
}

const columns = `source, watermark, cursor, delta_link AS deltaLink, last_success_at AS lastSuccessAt,
  last_error_at AS lastErrorAt, last_error AS lastError, last_error_code AS lastErrorCode,
  last_error_hint AS lastErrorHint, next_run_at AS nextRunAt, items_fetched AS itemsFetched`;

/** The one owner of poll_state; writes join the caller's transaction when there is one. */
export class PollState {
  constructor(private readonly db: Database.Database) {}

  get(source: PollSource): PollRow | undefined {
    return this.db.prepare(`SELECT ${columns} FROM poll_state WHERE source = ?`).get(source) as
      PollRow | undefined;
  }

  /** Every source that has run, in name order. */
  all(): PollRow[] {
    return this.db.prepare(`SELECT ${columns} FROM poll_state ORDER BY source`).all() as PollRow[];
  }

  /** When the source last succeeded, or null. */
  lastSuccessAt(source: PollSource): string | null {
    return this.get(source)?.lastSuccessAt ?? null;
  }

  /** Moves the watermark, cursor or delta link (only the fields given). */
  advance(source: PollSource, fields: Partial<Pick<PollRow, 'watermark' | 'cursor' | 'deltaLink'>>): void {
    this.ensure(source);
    for (const [field, column] of [
      ['watermark', 'watermark'],
      ['cursor', 'cursor'],
      ['deltaLink', 'delta_link'],
    ] as const) {
      if (field in fields)
        this.db
          .prepare(`UPDATE poll_state SET ${column} = ? WHERE source = ?`)
          .run(fields[field] ?? null, source);
    }
  }

  succeeded(source: PollSource, at: string, itemsFetched: number | null = null): void {
    this.ensure(source);
    this.db
      .prepare(
        'UPDATE poll_state SET last_success_at = ?, last_error = NULL, last_error_code = NULL, last_error_hint = NULL, items_fetched = ? WHERE source = ?',
      )
      .run(at, itemsFetched, source);
  }

  /** Records a failed run; `code` says what kind of problem (the connection findings read it). */
  failed(
    source: PollSource,
    at: string,
    error: { message: string; code: string; hint?: string | undefined },
  ): void {
    this.ensure(source);
    this.db
      .prepare(
        'UPDATE poll_state SET last_error_at = ?, last_error = ?, last_error_code = ?, last_error_hint = ? WHERE source = ?',
      )
      .run(at, error.message, error.code, error.hint ?? null, source);
  }

  scheduled(source: PollSource, at: string): void {
    this.ensure(source);
    this.db.prepare('UPDATE poll_state SET next_run_at = ? WHERE source = ?').run(at, source);
  }

  private ensure(source: PollSource): void {
    this.db.prepare('INSERT INTO poll_state (source) VALUES (?) ON CONFLICT (source) DO NOTHING').run(source);
  }
}
