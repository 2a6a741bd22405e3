import type { WindowedRows } from './windowed-rows';

/** "1,204 entries" above a table; a count that stopped early says so and how to see the rest. */
export function RowCount({ rows, noun }: { rows: WindowedRows<unknown>; noun: [string, string] }) {
  const text =
    rows.total === null
      ? ''
      : rows.capped
        ? `${rows.total.toLocaleString()}+ ${noun[1]}; the first ${rows.total.toLocaleString()} are listed, narrow the search to see others`
        : `${rows.total.toLocaleString()} ${rows.total === 1 ? noun[0] : noun[1]}`;
  return (
    <p className="muted table-count" data-testid="row-count" aria-live="polite">
      {text}
    </p>
  );
}
