import type Database from 'better-sqlite3';

import { ScimWatchError, type Page } from '../../../shared/contract';

type SqlValue = string | number | null;

export interface KeysetQuery<Row, Item> {
  db: Database.Database;
  /** `SELECT …` (the columns) and `FROM …` (with any joins), without WHERE or ORDER BY. */
  select: string;
  from: string;
  /** SQL expressions of the sort column and of a unique tie-breaker, both selected as `sort_key`/`tie_key`. */
  sortExpression: string;
  tieExpression: string;
  direction: 'asc' | 'desc';
  where: string[];
  params: SqlValue[];
  limit: number;
  cursor: string | undefined;
  /** Where the page starts by position, when there is no cursor (a jump). */
  offset?: number | undefined;
  /** Also count every row the filter selects. */
  total?: boolean | undefined;
  /** A cheaper FROM that selects the same rows for counting (a search index alone). */
  countFrom?: string;
  /** Count no further than this (a broad search joined to other filters); the page says so. */
  countLimit?: number;
  toItem: (row: Row) => Item;
}

/** The cursor is opaque to clients: the last row's sort and tie values, base64url-encoded. */
export function encodeCursor(sortValue: SqlValue, tieValue: SqlValue): string {
  return Buffer.from(JSON.stringify([sortValue, tieValue])).toString('base64url');
}

function decodeCursor(cursor: string): [SqlValue, SqlValue] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((v) => ['string', 'number'].includes(typeof v) || v === null)
    ) {
      return parsed as [SqlValue, SqlValue];
    }
  } catch {
    // reported below
  }
  throw new ScimWatchError(
    'invalid_input',
    'The page cursor is not valid.',
    'Start again from the first page.',
  );
}

/**
 * One page by keyset (seek) paging: the next page starts strictly after the previous page's last
 * row, so pages stay cheap deep into large tables and stable while new rows arrive. A page may also
 * start at a position (the scrollbar dragged far down); from there the cursor carries on.
 */
export function keysetPage<Row extends { sort_key: SqlValue; tie_key: SqlValue }, Item>(
  query: KeysetQuery<Row, Item>,
): Page<Item> {
  const filtered = query.where.length ? `WHERE ${query.where.join(' AND ')}` : '';
  const total = query.total ? countRows(query, filtered) : undefined;
  const cursor = query.cursor ?? (query.offset ? anchorAt(query, filtered, query.offset) : undefined);
  const page = cursor === null ? [] : rowsAfter(query, cursor);
  const hasMore = page.length > query.limit;
  const pageRows = hasMore ? page.slice(0, query.limit) : page;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(query.toItem),
    nextCursor: hasMore && last ? encodeCursor(last.sort_key, last.tie_key) : null,
    ...(total === undefined ? {} : { total: Math.min(total, query.countLimit ?? total) }),
    ...(total !== undefined && query.countLimit && total > query.countLimit ? { totalCapped: true } : {}),
  };
}

const orderBy = (query: Pick<KeysetQuery<never, never>, 'sortExpression' | 'tieExpression' | 'direction'>) =>
  query.sortExpression === query.tieExpression
    ? `ORDER BY ${query.sortExpression} ${query.direction}`
    : `ORDER BY ${query.sortExpression} ${query.direction}, ${query.tieExpression} ${query.direction}`;

/** The next `limit + 1` rows strictly after a cursor (from the start without one). */
function rowsAfter<Row, Item>(query: KeysetQuery<Row, Item>, cursor: string | undefined): Row[] {
  const where = [...query.where];
  const params = [...query.params];
  if (cursor) {
    const [sortValue, tieValue] = decodeCursor(cursor);
    const op = query.direction === 'asc' ? '>' : '<';
    // One column (a unique sort) compares alone, which a virtual table's index can serve.
    if (query.sortExpression === query.tieExpression) {
      where.push(`${query.sortExpression} ${op} ?`);
      params.push(sortValue);
    } else {
      where.push(`(${query.sortExpression}, ${query.tieExpression}) ${op} (?, ?)`);
      params.push(sortValue, tieValue);
    }
  }
  const sql = `${query.select} ${query.from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ${orderBy(query)} LIMIT ?`;
  return query.db.prepare(sql).all(...params, query.limit + 1) as Row[];
}

/**
 * The cursor of the row just before a position, read with the sort and tie columns alone: an index
 * answers that without reading the rows it skips (whole rows at a depth of 500k took 40 s). Null when
 * the position is past the end.
 */
function anchorAt<Row, Item>(query: KeysetQuery<Row, Item>, filtered: string, offset: number): string | null {
  const row = query.db
    .prepare(
      `SELECT ${query.sortExpression} AS s, ${query.tieExpression} AS t ${query.from} ${filtered}
        ${orderBy(query)} LIMIT 1 OFFSET ?`,
    )
    .get(...query.params, offset - 1) as { s: SqlValue; t: SqlValue } | undefined;
  return row ? encodeCursor(row.s, row.t) : null;
}

/** How many rows the filter selects (up to `countLimit` when one is set). */
function countRows<Row, Item>(query: KeysetQuery<Row, Item>, filtered: string): number {
  const sql = query.countLimit
    ? `SELECT count(*) AS n FROM (SELECT 1 ${query.from} ${filtered} LIMIT ${query.countLimit + 1})`
    : `SELECT count(*) AS n ${query.countFrom ?? query.from} ${filtered}`;
  return (query.db.prepare(sql).get(...query.params) as { n: number }).n;
}
