import type Database from 'better-sqlite3';

import { ScimWatchError, type Page } from '../../../shared/contract';

type SqlValue = string | number | null;

export interface KeysetQuery<Row, Item> {
  db: Database.Database;
  /** `SELECT … FROM …` without WHERE or ORDER BY. */
  select: string;
  /** SQL expressions of the sort column and of a unique tie-breaker, both selected as `sort_key`/`tie_key`. */
  sortExpression: string;
  tieExpression: string;
  direction: 'asc' | 'desc';
  where: string[];
  params: SqlValue[];
  limit: number;
  cursor: string | undefined;
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
 * row, so pages stay cheap deep into large tables and stable while new rows arrive.
 */
export function keysetPage<Row extends { sort_key: SqlValue; tie_key: SqlValue }, Item>(
  query: KeysetQuery<Row, Item>,
): Page<Item> {
  const where = [...query.where];
  const params = [...query.params];
  if (query.cursor) {
    const [sortValue, tieValue] = decodeCursor(query.cursor);
    where.push(
      `(${query.sortExpression}, ${query.tieExpression}) ${query.direction === 'asc' ? '>' : '<'} (?, ?)`,
    );
    params.push(sortValue, tieValue);
  }
  const sql = `${query.select}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${query.sortExpression} ${query.direction}, ${query.tieExpression} ${query.direction}
    LIMIT ?`;
  const rows = query.db.prepare(sql).all(...params, query.limit + 1) as Row[];
  const hasMore = rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(query.toItem),
    nextCursor: hasMore && last ? encodeCursor(last.sort_key, last.tie_key) : null,
  };
}
