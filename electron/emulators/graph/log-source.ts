import type { FilterClause } from './api/provisioning-filter';
import type { JsonObject } from './tenant-types';

/** Where a page resumes: strictly after this (time in ms, id) key in the page's order. */
export type LogKey = [number, string];

export interface LogQuery {
  clauses: readonly FilterClause[];
  order: 'asc' | 'desc';
  after: LogKey | null;
  limit: number;
}

export interface LogPage {
  entries: JsonObject[];
  /** Whether more matching entries follow the last one returned. */
  more: boolean;
}

/**
 * Anything that serves provisioning-log entries in (activityDateTime, id) order: the live log the
 * engine writes, and a scenario's synthetic history, which computes entries only when asked.
 */
export interface LogSource {
  page(query: LogQuery): LogPage;
  readonly size: number;
}

export function compareKeys([ta, ia]: LogKey, [tb, ib]: LogKey): number {
  return ta - tb || (ia < ib ? -1 : ia > ib ? 1 : 0);
}

/** True when `key` comes strictly after `after` in the given order. */
export function isAfterKey(key: LogKey, after: LogKey, order: 'asc' | 'desc'): boolean {
  const compared = compareKeys(key, after);
  return order === 'asc' ? compared > 0 : compared < 0;
}

/** Binary search over an ordered sequence: the first index `0..length` at which `before` turns false. */
export function firstIndexNotBefore(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function keyOf(entry: JsonObject): LogKey {
  return [Date.parse(String(entry.activityDateTime)), String(entry.id)];
}

/** One page over several sources: each gives its own page, merged in order and cut to the limit. */
export function pageAcross(sources: readonly LogSource[], query: LogQuery): LogPage {
  const pages = sources.map((source) => source.page(query));
  const merged = pages
    .flatMap((page) => page.entries.map((entry) => ({ entry, key: keyOf(entry) })))
    .sort((a, b) => (query.order === 'asc' ? 1 : -1) * compareKeys(a.key, b.key));
  return {
    entries: merged.slice(0, query.limit).map((item) => item.entry),
    more: merged.length > query.limit || pages.some((page) => page.more),
  };
}
