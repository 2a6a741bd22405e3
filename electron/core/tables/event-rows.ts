import type Database from 'better-sqlite3';

import type { InputOf, Page, ProvisioningEventRow } from '../../../shared/contract';
import { searchQuery } from '../store/event-search';
import { keysetPage } from '../store/keyset-page';
import { conditions } from './sql-conditions';

export type EventRecord = ProvisioningEventRow & { sort_key: string; tie_key: string };

export const eventColumns = `
  id, activity_date_time AS activityDateTime, status, action, identity_type AS identityType,
  source_id AS sourceId, source_display_name AS sourceDisplayName, target_id AS targetId,
  target_display_name AS targetDisplayName, error_code AS errorCode, cause, cycle_id AS cycleId,
  job_id AS jobId, activity_date_time AS sort_key, id AS tie_key`;

type EventQuery = InputOf<'provisioningEvents.list'>;

/**
 * A page of the provisioning log, newest first unless asked otherwise. Text is searched in the FTS5
 * index (every word as a prefix); text with no word in it matches nothing rather than everything.
 */
export function eventPage(db: Database.Database, query: EventQuery): Page<ProvisioningEventRow> {
  const { filter, sort, limit = 100, cursor, offset, total } = query;
  const { where, params, add } = conditions();
  if (filter?.status) add('status = ?', filter.status);
  if (filter?.identityType) add('identity_type = ?', filter.identityType);
  if (filter?.since) add('activity_date_time >= ?', filter.since);
  if (filter?.until) add('activity_date_time < ?', filter.until);
  if (filter?.cause) add('cause = ?', filter.cause);
  if (filter?.action) add('action = ?', filter.action);
  if (filter?.text !== undefined && filter.text.trim() !== '') {
    const match = searchQuery(filter.text);
    if (match) add('seq IN (SELECT rowid FROM event_search WHERE event_search MATCH ?)', match);
    else add('0');
  }
  return keysetPage<EventRecord, ProvisioningEventRow>({
    db,
    select: `SELECT ${eventColumns}`,
    from: 'FROM provisioning_events',
    sortExpression: 'activity_date_time',
    tieExpression: 'id',
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
