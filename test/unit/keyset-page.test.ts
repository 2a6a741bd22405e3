import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { keysetPage } from '../../electron/core/store/keyset-page';

describe('keyset paging', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  // Ties on `at` make sure the tie-breaker keeps pages disjoint.
  for (let i = 0; i < 25; i++) insert.run(`id-${String(i).padStart(2, '0')}`, `2026-01-0${1 + (i % 3)}`);

  const page = (
    cursor: string | undefined,
    direction: 'asc' | 'desc',
    position: { offset?: number; total?: boolean } = {},
  ) =>
    keysetPage<{ id: string; sort_key: string; tie_key: string }, string>({
      db,
      select: 'SELECT id, at AS sort_key, id AS tie_key',
      from: 'FROM t',
      ...position,
      sortExpression: 'at',
      tieExpression: 'id',
      direction,
      where: [],
      params: [],
      limit: 10,
      cursor,
      toItem: (r) => r.id,
    });

  it.each(['asc', 'desc'] as const)('walks every row exactly once (%s)', (direction) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = page(cursor, direction);
      seen.push(...result.items);
      cursor = result.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
  });

  it('starts a page at a position, counts on request, and carries on by cursor from there', () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const result = page(cursor, 'desc');
      all.push(...result.items);
      cursor = result.nextCursor ?? undefined;
    } while (cursor);
    const jumped = page(undefined, 'desc', { offset: 12, total: true });
    expect(jumped.total).toBe(25);
    expect(jumped.items).toEqual(all.slice(12, 22));
    const next = page(jumped.nextCursor ?? undefined, 'desc', { offset: 12 });
    expect(next.items).toEqual(all.slice(22)); // the cursor wins over the offset
    expect(page(undefined, 'desc').total).toBeUndefined();
  });

  it('rejects a forged cursor with a contract error', () => {
    expect(() => page('not-a-cursor', 'asc')).toThrow(/cursor is not valid/);
  });
});
