import type Database from 'better-sqlite3';

import type { InputOf, Page, ProvisioningEventRow } from '../../../shared/contract';
import { prefixExpander, searchQuery } from '../store/event-search';
import { keysetPage } from '../store/keyset-page';
import { conditions } from './sql-conditions';

export type EventRecord = ProvisioningEventRow & { sort_key: string | number; tie_key: string | number };

export const eventColumns = `
  id, activity_date_time AS activityDateTime, status, action, identity_type AS identityType,
  source_id AS sourceId, source_display_name AS sourceDisplayName, target_id AS targetId,
  target_display_name AS targetDisplayName, error_code AS errorCode, cause, cycle_id AS cycleId,
  job_id AS jobId`;

/** Counting a broad search joined to other filters stops here; the page says more match. */
export const searchCountLimit = 10_000;

type EventQuery = InputOf<'provisioningEvents.list'>;

/**
 * A page of the provisioning log, newest first unless asked otherwise. Text is searched in the FTS5
 * index (every word as a prefix); text with no word in it matches nothing rather than everything.
 * Search results come newest first by arrival (the index's rowid), which the index streams without
 * sorting its matches: a broad first keystroke matches nearly every entry. Arrival follows time but
 * for entries Entra logs late.
 */
export function eventPage(db: Database.Database, query: EventQuery): Page<ProvisioningEventRow> {
  const { filter, sort, limit = 100, cursor, offset, total } = query;
  const { where, params, add } = conditions();
  const match = filter?.text?.trim() ? searchQuery(filter.text, prefixExpander(db)) : undefined;
  if (match) add('event_search MATCH ?', match);
  if (filter?.status) add('status = ?', filter.status);
  if (filter?.identityType) add('identity_type = ?', filter.identityType);
  if (filter?.since) add('activity_date_time >= ?', filter.since);
  if (filter?.until) add('activity_date_time < ?', filter.until);
  if (filter?.cause) add('cause = ?', filter.cause);
  if (filter?.action) add('action = ?', filter.action);
  if (match === null) add('0');
  const order = match
    ? { sortExpression: 'event_search.rowid', tieExpression: 'event_search.rowid' }
    : { sortExpression: 'activity_date_time', tieExpression: 'id' };
  return keysetPage<EventRecord, ProvisioningEventRow>({
    db,
    select: `SELECT ${eventColumns}, ${order.sortExpression} AS sort_key, ${order.tieExpression} AS tie_key`,
    from: match
      ? 'FROM event_search JOIN provisioning_events e ON e.seq = event_search.rowid'
      : 'FROM provisioning_events',
    ...(match && where.length === 1 ? { countFrom: 'FROM event_search' } : {}),
    ...(match && where.length > 1 ? { countLimit: searchCountLimit } : {}),
    ...order,
    direction: sort?.direction ?? 'desc',
    where,
    params,
    limit,
    cursor,
    offset,
    total,
    toItem: ({ sort_key: _s, tie_key: _t, ...row }) => row,
  });
}
