import { z } from 'zod';

/** Most rows any one page may carry; larger tables are walked with the cursor. */
export const maxPageSize = 500;

/**
 * Builds the input schema of a table query: keyset paging (an opaque cursor from the previous
 * page), a sort over a fixed list of columns, and a table-specific filter.
 */
export function pageQuerySchema<F extends z.ZodType, S extends readonly [string, ...string[]]>(
  filter: F,
  sortFields: S,
) {
  return z.strictObject({
    cursor: z.string().max(1024).optional(),
    limit: z.number().int().min(1).max(maxPageSize).default(100),
    sort: z.strictObject({ field: z.enum(sortFields), direction: z.enum(['asc', 'desc']) }).optional(),
    filter: filter.optional(),
  });
}

/** One page of a table; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
