import type Database from 'better-sqlite3';

import type {
  ActionDetail,
  ActionKind,
  ActionRow,
  ActionState,
  RetryObjectType,
} from '../../../shared/contract';
import type { FailureCause } from '../../../shared/finding-kinds';

/** A new action as the core asks for it; the repository adds its id, state and times. */
export interface NewAction {
  kind: ActionKind;
  actor: string;
  objectType?: RetryObjectType;
  entraId?: string;
  displayName?: string | null;
  findingKey?: string | null;
  cause?: FailureCause | null;
  memberIds?: string[];
  forced?: boolean;
  resendOf?: number;
}

/** A stored row: JSON columns as text, flags as integers, with what verification needs. */
type ActionColumns = Omit<ActionRow, 'memberIds' | 'forced'> & {
  memberIds: string;
  forced: number;
  logSeqAtSend: number | null;
  request: string | null;
  response: string | null;
};

export const actionColumns = `id, batch_id AS batchId, kind, actor, requested_at AS requestedAt,
  object_type AS objectType, entra_id AS entraId, display_name AS displayName, finding_key AS findingKey,
  cause, member_ids AS memberIds, forced, resend_of AS resendOf, state, message,
  outcome_cause AS outcomeCause, sent_at AS sentAt, log_seq_at_send AS logSeqAtSend,
  finished_at AS finishedAt`;

/** A stored row as the contract shapes it. */
export function actionRecord(row: Omit<ActionColumns, 'request' | 'response'>): ActionRow {
  const { memberIds, forced, logSeqAtSend: _seq, ...rest } = row;
  return { ...rest, memberIds: JSON.parse(memberIds) as string[], forced: forced === 1 };
}

/** A verifying retry with what its verification needs. */
export interface SentRetry extends ActionRow {
  logSeqAtSend: number;
}

/**
 * The one owner of `actions`. Every state change is its own statement, so it
 * commits on its own unless the caller holds a transaction; `markSending` must not be inside one that
 * outlives the request, or a crash would forget that the request may have left.
 */
export class ActionsRepo {
  constructor(private readonly db: Database.Database) {}

  /** Queues actions as one batch (null for a single action) and returns their rows. */
  insert(actions: NewAction[], state: ActionState, now: string, batched: boolean): ActionRow[] {
    const insert = this.db.prepare(
      `INSERT INTO actions (batch_id, kind, actor, requested_at, object_type, entra_id, display_name,
         finding_key, cause, member_ids, forced, resend_of, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      const ids: number[] = [];
      let batchId: number | null = null;
      for (const action of actions) {
        const { lastInsertRowid } = insert.run(
          batchId,
          action.kind,
          action.actor,
          now,
          action.objectType ?? null,
          action.entraId ?? null,
          action.displayName ?? null,
          action.findingKey ?? null,
          action.cause ?? null,
          JSON.stringify(action.memberIds ?? []),
          action.forced ? 1 : 0,
          action.resendOf ?? null,
          state,
        );
        const id = Number(lastInsertRowid);
        // A batch is named after its first action, so batch ids need no table of their own.
        if (batched && batchId === null) {
          batchId = id;
          this.db.prepare('UPDATE actions SET batch_id = ? WHERE id = ?').run(id, id);
        }
        ids.push(id);
      }
      return ids.map((id) => this.get(id)!);
    })();
  }

  get(id: number): ActionRow | undefined {
    const row = this.db.prepare(`SELECT ${actionColumns} FROM actions WHERE id = ?`).get(id) as
      ActionColumns | undefined;
    return row && actionRecord(row);
  }

  detail(id: number): (ActionDetail & { logSeqAtSend: number | null }) | undefined {
    const row = this.db
      .prepare(`SELECT ${actionColumns}, request, response FROM actions WHERE id = ?`)
      .get(id) as ActionColumns | undefined;
    if (!row) return undefined;
    const { request, response, ...columns } = row;
    return {
      ...actionRecord(columns),
      logSeqAtSend: columns.logSeqAtSend,
      request: request === null ? null : (JSON.parse(request) as unknown),
      response: response === null ? null : (JSON.parse(response) as unknown),
      steps: [],
    };
  }

  /** The next retry to send: batches in order, users before groups (a group's members must exist first). */
  nextQueued(): ActionRow | undefined {
    const row = this.db
      .prepare(
        `SELECT ${actionColumns} FROM actions WHERE state = 'queued' AND kind = 'retry'
          ORDER BY coalesce(batch_id, id), object_type = 'group', id LIMIT 1`,
      )
      .get() as ActionColumns | undefined;
    return row && actionRecord(row);
  }

  inState(state: ActionState): ActionRow[] {
    const rows = this.db
      .prepare(`SELECT ${actionColumns} FROM actions WHERE state = ? ORDER BY id`)
      .all(state) as ActionColumns[];
    return rows.map(actionRecord);
  }

  /** Sent retries awaiting verification, with the log position each was sent at. */
  verifying(): SentRetry[] {
    const rows = this.db
      .prepare(`SELECT ${actionColumns} FROM actions WHERE state = 'verifying' ORDER BY id`)
      .all() as ActionColumns[];
    return rows.map((row) => ({ ...actionRecord(row), logSeqAtSend: row.logSeqAtSend ?? 0 }));
  }

  /** Written and committed before the request leaves: after a crash, this row says it may have. */
  markSending(id: number, request: unknown, sentAt: string, logSeqAtSend: number): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE actions SET state = 'sending', request = ?, sent_at = ?, log_seq_at_send = ?
          WHERE id = ? AND state = 'queued'`,
      )
      .run(JSON.stringify(request), sentAt, logSeqAtSend, id);
    return changes === 1;
  }

  /** Graph's answer, and the state it leads to (verifying, done or failed). */
  markAnswered(id: number, state: ActionState, response: unknown, message: string, now: string | null): void {
    this.db
      .prepare(
        `UPDATE actions SET state = ?, response = ?, message = ?, finished_at = ?
          WHERE id = ? AND state = 'sending'`,
      )
      .run(state, JSON.stringify(response ?? null), message, now, id);
  }

  /** Ends a verifying, queued or sending action once; returns false when it had already ended. */
  finish(
    id: number,
    from: ActionState[],
    state: ActionState,
    message: string,
    now: string,
    outcomeCause: FailureCause | null = null,
  ): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE actions SET state = ?, message = ?, outcome_cause = ?, finished_at = ?
          WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`,
      )
      .run(state, message, outcomeCause, now, id, ...from);
    return changes === 1;
  }

  /** After a crash: every action caught mid-request is of unknown outcome, and stays so until a person acts. */
  markInFlightUnknown(now: string): ActionRow[] {
    const rows = this.inState('sending');
    for (const row of rows)
      this.finish(
        row.id,
        ['sending'],
        'outcome_unknown',
        'ScimWatch stopped while this request was in flight: Graph may or may not have acted on it. Check the log, then send it again if needed.',
        now,
      );
    return rows;
  }

  /** Cancels what still waits (of one batch, or all); returns the cancelled ids. */
  cancelQueued(batchId: number | null, now: string, message: string): number[] {
    const rows = this.db
      .prepare(
        `UPDATE actions SET state = 'cancelled', message = ?, finished_at = ?
          WHERE state = 'queued' AND (? IS NULL OR batch_id = ?) RETURNING id`,
      )
      .all(message, now, batchId, batchId) as { id: number }[];
    return rows.map((r) => r.id);
  }

  counts(): Record<'queued' | 'sending' | 'verifying', number> {
    const rows = this.db
      .prepare(
        `SELECT state, count(*) AS n FROM actions WHERE state IN ('queued', 'sending', 'verifying') GROUP BY state`,
      )
      .all() as { state: 'queued' | 'sending' | 'verifying'; n: number }[];
    const counts = { queued: 0, sending: 0, verifying: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }
}
