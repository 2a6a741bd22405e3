import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

import type { WindowedRows } from './windowed-rows';

export interface Column<T> {
  id: string;
  header: string;
  /** A CSS grid track: `8rem`, `minmax(10rem, 2fr)`. */
  width: string;
  cell: (row: T) => ReactNode;
}

const rowHeight = 32;
/**
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox near 17.9M), below a million
 * rows. Past this height the scrollbar maps onto the full list in proportion, so it still says where
 * in the list the view is; the wheel and keys move by real rows.
 */
const maxScrollHeight = 8_000_000;
/**
 * Rows the virtualizer lays out at once: it keeps a measurement per row, which at a million rows took
 * 1.8 s before the first row showed. The window slides over the list as the view moves.
 */
const windowRows = 10_000;

interface VirtualTableProps<T> {
  label: string;
  columns: Column<T>[];
  rows: WindowedRows<T>;
  rowKey: (row: T) => string;
  /** The row whose panel is open. */
  selectedKey: string | null;
  onOpen: (row: T) => void;
  /** Space on the active row: ticks or clears it (tables whose rows can be chosen for a bulk action). */
  onToggle?: (row: T) => void;
  /** Content under a row (a root finding's symptoms); null when the row is not expanded. */
  expansion?: (row: T) => ReactNode;
  empty: ReactNode;
  testId?: string;
}

/**
 * A dense, virtualized table over a windowed list of any length (TanStack Virtual renders the rows
 * on screen). A grid for assistive technology: arrows, Page Up/Down, Home and End move the active
 * row, Enter opens it, Space ticks it where rows can be chosen; a row click opens it too.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { label, columns, rows, rowKey, selectedKey, onOpen, onToggle, expansion, empty, testId } = props;
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const scale = useRef(1);
  // The first row of the window the virtualizer lays out (in rows of the whole list).
  const windowStart = useRef(0);
  const [active, setActive] = useState(0);
  // Another list (a new filter) starts at its top.
  const listKey = useRef(rows.key);
  if (listKey.current !== rows.key) {
    listKey.current = rows.key;
    windowStart.current = 0;
  }
  const count = rows.total ?? 0;
  const windowed = count > windowRows;
  // The compiler leaves this component unmemoized: the virtualizer's methods change with each scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: Math.min(count, windowRows),
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (index) => {
      const row = rows.rowAt(windowStart.current + index);
      return row ? rowKey(row) : `#${windowStart.current + index}`;
    },
    // Offsets inside the window: the scrollbar's position in the whole list, less the window's start.
    observeElementOffset: (instance, callback) =>
      observeElementOffset(instance, (offset, scrolling) =>
        callback(offset * scale.current - windowStart.current * rowHeight, scrolling),
      ),
    scrollToFn: (offset, options, instance) =>
      elementScroll(
        (offset + windowStart.current * rowHeight) / scale.current,
        { ...options, adjustments: (options.adjustments ?? 0) / scale.current },
        instance,
      ),
  });
  const viewport = scroller.current?.clientHeight ?? 0;
  const fullHeight = windowed ? count * rowHeight : virtualizer.getTotalSize();
  const realHeight = Math.min(fullHeight, maxScrollHeight);
  scale.current =
    fullHeight > maxScrollHeight && realHeight > viewport
      ? (fullHeight - viewport) / (realHeight - viewport)
      : 1;
  const items = virtualizer.getVirtualItems();
  const first = windowStart.current + (items[0]?.index ?? 0);
  const last = windowStart.current + (items.at(-1)?.index ?? 0);

  /** Moves the window so a row of the whole list sits in its middle, and re-reads the offset. */
  const centre = (row: number) => {
    const start = Math.max(0, Math.min(count - windowRows, row - windowRows / 2));
    const aligned = Math.floor(start / 100) * 100;
    if (aligned === windowStart.current) return;
    windowStart.current = aligned;
    scroller.current?.dispatchEvent(new Event('scroll'));
  };

  useEffect(() => {
    if (!count) return;
    rows.showRange(first, last);
    // Near the window's edge (the scrollbar dragged, or a long scroll), the window follows.
    if (
      windowed &&
      (first - windowStart.current < windowRows / 4 ||
        windowStart.current + windowRows - last < windowRows / 4)
    )
      centre(first);
  });

  // A scaled scrollbar would make each wheel notch skip rows: the wheel moves by pixels of rows.
  const hasRows = count > 0;
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (scale.current === 1 || event.ctrlKey) return;
      event.preventDefault();
      const pixels = event.deltaMode === 1 ? event.deltaY * rowHeight : event.deltaY;
      element.scrollTop += pixels / scale.current;
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [hasRows]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    if (next < windowStart.current || next >= windowStart.current + windowRows) centre(next);
    virtualizer.scrollToIndex(next - windowStart.current, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor(viewport / rowHeight) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    // After a scroll that left the active row behind, the keys start from the first row in view.
    const from = active >= first && active <= last ? active : first;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(from + 1),
      ArrowUp: () => move(from - 1),
      PageDown: () => move(from + pageRows),
      PageUp: () => move(from - pageRows),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => {
        const row = rows.rowAt(active);
        if (row) onOpen(row);
      },
      ...(onToggle
        ? {
            ' ': () => {
              const row = rows.rowAt(active);
              if (row) onToggle(row);
            },
          }
        : {}),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const template = columns.map((c) => c.width).join(' ');
  const offsetShift = virtualizer.scrollOffset ?? 0;
  const realTop = (offsetShift + windowStart.current * rowHeight) / scale.current;

  if (rows.error && rows.total === null)
    return (
      <p className="panel-state error" role="alert">
        {rows.error.message} {rows.error.hint}
      </p>
    );
  return (
    <div
      className="vtable"
      data-testid={testId}
      data-total={rows.total ?? ''}
      data-loaded={rows.total === null ? '' : rows.key}
    >
      {rows.arrived > 0 ? (
        <button type="button" className="vtable-arrived" onClick={rows.showArrived}>
          {rows.arrived.toLocaleString()} new — show
        </button>
      ) : null}
      <div className="vtable-header" role="presentation" style={{ gridTemplateColumns: template }}>
        {columns.map((column) => (
          <span key={column.id}>{column.header}</span>
        ))}
      </div>
      {rows.total === null ? (
        <p className="panel-state loading" aria-busy="true">
          Loading…
        </p>
      ) : count === 0 ? (
        <div className="panel-state empty">{empty}</div>
      ) : (
        <div
          ref={scroller}
          className="vtable-scroll"
          role="grid"
          aria-label={label}
          aria-rowcount={count + 1}
          aria-colcount={columns.length}
          aria-activedescendant={active >= first && active <= last ? `${id}-row-${active}` : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
        >
          <div role="row" aria-rowindex={1} className="visually-hidden">
            {columns.map((column) => (
              <span role="columnheader" key={column.id}>
                {column.header}
              </span>
            ))}
          </div>
          <div style={{ height: realHeight, position: 'relative' }}>
            {items.map((item) => {
              const index = windowStart.current + item.index;
              const row = rows.rowAt(index);
              const key = row ? rowKey(row) : null;
              const extra = row && expansion ? expansion(row) : null;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="vtable-item"
                  style={{ transform: `translateY(${item.start - offsetShift + realTop}px)` }}
                >
                  <div
                    id={`${id}-row-${index}`}
                    role="row"
                    aria-rowindex={index + 2}
                    aria-selected={key !== null && key === selectedKey}
                    data-active={index === active || undefined}
                    className="vtable-row"
                    style={{ gridTemplateColumns: template }}
                    onClick={() => {
                      setActive(index);
                      if (row) onOpen(row);
                    }}
                  >
                    {row ? (
                      columns.map((column) => (
                        <span role="gridcell" key={column.id}>
                          {column.cell(row)}
                        </span>
                      ))
                    ) : (
                      <span role="gridcell" className="vtable-placeholder">
                        Loading…
                      </span>
                    )}
                  </div>
                  {extra ? (
                    <div role="row" className="vtable-expansion">
                      <div role="gridcell" aria-colspan={columns.length}>
                        {extra}
                      </div>
                    </div>
                  ) : null}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
