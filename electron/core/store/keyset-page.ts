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
  const where = [...query.where];
  const params = [...query.params];
  const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = query.total ? countRows(query, filtered, params) : undefined;
  if (query.cursor) {
    const [sortValue, tieValue] = decodeCursor(query.cursor);
    where.push(
      `(${query.sortExpression}, ${query.tieExpression}) ${query.direction === 'asc' ? '>' : '<'} (?, ?)`,
    );
    params.push(sortValue, tieValue);
  }
  const sql = `${query.select} ${query.from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${query.sortExpression} ${query.direction}, ${query.tieExpression} ${query.direction}
    LIMIT ? OFFSET ?`;
  const offset = query.cursor ? 0 : (query.offset ?? 0);
  const rows = query.db.prepare(sql).all(...params, query.limit + 1, offset) as Row[];
  const hasMore = rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(query.toItem),
    nextCursor: hasMore && last ? encodeCursor(last.sort_key, last.tie_key) : null,
    ...(total === undefined ? {} : { total }),
  };
}

/** How many rows the filter selects. */
function countRows<Row, Item>(query: KeysetQuery<Row, Item>, filtered: string, params: SqlValue[]): number {
  const row = query.db.prepare(`SELECT count(*) AS n ${query.from} ${filtered}`).get(...params) as {
    n: number;
  };
  return row.n;
}
