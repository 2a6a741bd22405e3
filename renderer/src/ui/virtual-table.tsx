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

interface VirtualTableProps<T> {
  label: string;
  columns: Column<T>[];
  rows: WindowedRows<T>;
  rowKey: (row: T) => string;
  /** The row whose panel is open. */
  selectedKey: string | null;
  onOpen: (row: T) => void;
  /** Content under a row (a root finding's symptoms); null when the row is not expanded. */
  expansion?: (row: T) => ReactNode;
  empty: ReactNode;
  testId?: string;
}

/**
 * A dense, virtualized table over a windowed list of any length (TanStack Virtual renders the rows
 * on screen). A grid for assistive technology: arrows, Page Up/Down, Home and End move the active
 * row, Enter opens it; a row click opens it too.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { label, columns, rows, rowKey, selectedKey, onOpen, expansion, empty, testId } = props;
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const scale = useRef(1);
  const [active, setActive] = useState(0);
  const count = rows.total ?? 0;
  // The compiler leaves this component unmemoized: the virtualizer's methods change with each scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (index) => {
      const row = rows.rowAt(index);
      return row ? rowKey(row) : `#${index}`;
    },
    observeElementOffset: (instance, callback) =>
      observeElementOffset(instance, (offset, scrolling) => callback(offset * scale.current, scrolling)),
    scrollToFn: (offset, options, instance) =>
      elementScroll(
        offset / scale.current,
        { ...options, adjustments: (options.adjustments ?? 0) / scale.current },
        instance,
      ),
  });
  const virtualHeight = virtualizer.getTotalSize();
  const realHeight = Math.min(virtualHeight, maxScrollHeight);
  const viewport = scroller.current?.clientHeight ?? 0;
  scale.current =
    virtualHeight > maxScrollHeight && realHeight > viewport
      ? (virtualHeight - viewport) / (realHeight - viewport)
      : 1;
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (count) rows.showRange(first, last);
  });

  // A scaled scrollbar would make each wheel notch skip rows: the wheel moves by pixels of rows.
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
  }, []);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor(viewport / rowHeight) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => {
        const row = rows.rowAt(active);
        if (row) onOpen(row);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const template = columns.map((c) => c.width).join(' ');
  const offsetShift = virtualizer.scrollOffset ?? 0;
  const realTop = offsetShift / scale.current;

  if (rows.error && rows.total === null)
    return (
      <p className="panel-state error" role="alert">
        {rows.error.message} {rows.error.hint}
      </p>
    );
  return (
    <div className="vtable" data-testid={testId} data-total={rows.total ?? ''}>
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
              const row = rows.rowAt(item.index);
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
                    id={`${id}-row-${item.index}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={key !== null && key === selectedKey}
                    data-active={item.index === active || undefined}
                    className="vtable-row"
                    style={{ gridTemplateColumns: template }}
                    onClick={() => {
                      setActive(item.index);
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
