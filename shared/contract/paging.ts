import * as z from 'zod';

/** Most rows any one page may carry; larger tables are walked with the cursor. */
export const maxPageSize = 500;

/** The deepest row a page may start at by position (a jump of the scrollbar; cursors go further). */
export const maxPageOffset = 50_000_000;

/**
 * Builds the input schema of a table query: keyset paging (an opaque cursor from the previous
 * page), a sort over a fixed list of columns, and a table-specific filter. A table that jumps (its
 * scrollbar dragged to a row) starts a page at `offset` instead, and asks once for the `total`.
 */
export function pageQuerySchema<F extends z.ZodType, S extends readonly [string, ...string[]]>(
  filter: F,
  sortFields: S,
) {
  return z.strictObject({
    cursor: z.string().max(1024).optional(),
    offset: z.number().int().min(0).max(maxPageOffset).optional(),
    total: z.boolean().optional(),
    limit: z.number().int().min(1).max(maxPageSize).default(100),
    sort: z.strictObject({ field: z.enum(sortFields), direction: z.enum(['asc', 'desc']) }).optional(),
    filter: filter.optional(),
  });
}

/** One page of a table; `nextCursor` is null on the last page; `total` only when asked for. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
  /** The count stopped at `total` (a broad search with other filters); more rows match. */
  totalCapped?: boolean;
}
