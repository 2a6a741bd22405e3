import type Database from 'better-sqlite3';

import type { ActionDetail, ActionRow, InputOf, Page } from '../../../shared/contract';
import { readOnDemandAnswer } from '../actions/on-demand-answer';
import { ActionsRepo, actionColumns, actionRecord } from '../store/actions-repo';
import { keysetPage } from '../store/keyset-page';
import { conditions } from './sql-conditions';

type ActionQuery = InputOf<'actions.list'>;

/** A page of the audit trail, newest first (or oldest first). */
export function actionPage(db: Database.Database, query: ActionQuery): Page<ActionRow> {
  const { filter = {}, limit = 100, cursor, offset, total, sort } = query;
  const { where, params, add } = conditions();
  if (filter.kind) add('kind = ?', filter.kind);
  if (filter.state) add('state = ?', filter.state);
  if (filter.batchId) add('batch_id = ?', filter.batchId);
  if (filter.entraId) add('entra_id = ?', filter.entraId);
  return keysetPage<Parameters<typeof actionRecord>[0] & { sort_key: number; tie_key: number }, ActionRow>({
    db,
    select: `SELECT ${actionColumns}, id AS sort_key, id AS tie_key`,
    from: 'FROM actions',
    sortExpression: 'id',
    tieExpression: 'id',
    direction: sort?.direction ?? 'desc',
    where,
    params,
    limit,
    cursor,
    offset,
    total,
    toItem: ({ sort_key: _s, tie_key: _t, ...row }) => actionRecord(row),
  });
}

/** One action whole: what was sent, what Graph answered, and the steps it reported. */
export function actionDetail(db: Database.Database, id: number): ActionDetail | null {
  const detail = new ActionsRepo(db).detail(id);
  if (!detail) return null;
  const { logSeqAtSend: _seq, ...rest } = detail;
  const response = detail.response as { key?: unknown; value?: unknown } | null;
  const steps =
    response && 'key' in response
      ? readOnDemandAnswer({ key: response.key, value: response.value }).steps
      : [];
  return { ...rest, steps };
}
