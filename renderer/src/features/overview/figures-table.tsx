import { useState } from 'react';

import type { PageId } from '../../navigation/pages';
import { routeHref, type RouteParams } from '../../navigation/use-route';

export interface FigureRow {
  key: string;
  label: string;
  values: Record<string, number>;
  /** Where a figure's list is: each non-zero cell links to it. */
  href?: (column: string) => { page: PageId; params: RouteParams };
}

/**
 * A chart's figures as a table, folded away: what a screen reader or a keyboard reaches, and the exact
 * numbers behind each bar, with a total per column.
 */
export function FiguresTable({
  caption,
  testId,
  columns,
  rows,
  span,
}: {
  caption: string;
  testId: string;
  /** What the figures cover (the range's start), for whoever checks them against the store. */
  span: { range: string; from: string | null };
  columns: { key: string; label: string }[];
  rows: FigureRow[];
}) {
  // The rows are drawn when the table is opened: a chart's page has no use for hundreds of hidden cells.
  const [open, setOpen] = useState(false);
  const totals = Object.fromEntries(
    columns.map((c) => [c.key, rows.reduce((sum, row) => sum + (row.values[c.key] ?? 0), 0)]),
  );
  return (
    <details className="figures" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Figures</summary>
      <div className="table-scroll">
        <table
          data-testid={`figures-${testId}`}
          data-range={span.range}
          data-from={span.from ?? ''}
          data-rows={rows.map((row) => row.key).join(' ')}
        >
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{''}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(open ? rows : []).map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row">{row.label}</th>
                {columns.map((c) => {
                  const value = row.values[c.key] ?? 0;
                  const target = value && row.href ? row.href(c.key) : null;
                  return (
                    <td key={c.key}>
                      {target ? (
                        <a href={routeHref(target.page, target.params)}>{value.toLocaleString()}</a>
                      ) : (
                        value.toLocaleString()
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {columns.map((c) => (
                <td key={c.key} data-total={c.key}>
                  {(totals[c.key] ?? 0).toLocaleString()}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}
