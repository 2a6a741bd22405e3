import { useCallback, useEffect, useRef, useState } from 'react';

import type { ApiError, EventName, Page } from '../../../shared/contract';
import { api } from '../api/client';

/** Rows a block holds: one page request. */
export const blockSize = 100;
/** Blocks kept in memory; the rest are read again when scrolled back to (memory stays flat at 1M rows). */
const maxBlocks = 40;

export interface PageRequest {
  cursor?: string;
  offset?: number;
  total?: boolean;
  limit: number;
}

export type FetchPage<T> = (request: PageRequest, signal: AbortSignal) => Promise<Page<T>>;

interface Block<T> {
  items: T[];
  nextCursor: string | null;
}

export interface WindowedRows<T> {
  /** The list these rows are of (method and filter). */
  key: string;
  /** Rows the filter selects (null until the first page answers). */
  total: number | null;
  /** The count stopped at `total`: more rows match (a broad search with other filters). */
  capped: boolean;
  /** The row at a position, or undefined while its block loads. */
  rowAt: (index: number) => T | undefined;
  /** Tells which rows are on screen, so their blocks load. */
  showRange: (start: number, end: number) => void;
  error: ApiError | null;
  /** Rows that arrived above the view since it was last at the top. */
  arrived: number;
  /** Shows the newest rows: back to the top, everything read again. */
  showArrived: () => void;
}

/**
 * The data behind a virtualized table of any length: rows in blocks of 100, each read where it is
 * needed. A block after a loaded one follows its keyset cursor (cheap at any depth); a block reached
 * by a jump of the scrollbar is read by position. One key (method and filter) is one list; a new key
 * starts over. Live: the core's events re-read the count; at the top the view refreshes in place,
 * further down it stays put and says how many rows arrived above it.
 */
export function useWindowedRows<T>(
  key: string,
  fetchPage: FetchPage<T>,
  refetchOn: readonly EventName[],
): WindowedRows<T> {
  const [state, setState] = useState({
    key,
    total: null as number | null,
    capped: false,
    error: null as ApiError | null,
  });
  const [arrived, setArrived] = useState(0);
  const [, setVersion] = useState(0);
  const blocks = useRef(new Map<number, Block<T>>());
  // Blocks shown until their fresh copy arrives (a refresh at the top does not flash empty rows).
  const stale = useRef(new Set<number>());
  const pending = useRef(new Map<number, AbortController>());
  const visible = useRef({ start: 0, end: 0 });
  // Rows that arrived above the view shift every later row down; jumps read by position add them.
  const shift = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  const load = useCallback((block: number, withTotal = false) => {
    if ((blocks.current.has(block) && !stale.current.has(block)) || pending.current.has(block)) return;
    const controller = new AbortController();
    pending.current.set(block, controller);
    const current = generation.current;
    const previous = stale.current.has(block - 1) ? undefined : blocks.current.get(block - 1);
    const request: PageRequest =
      previous?.nextCursor && !withTotal
        ? { cursor: previous.nextCursor, limit: blockSize }
        : {
            offset: block * blockSize + shift.current,
            limit: blockSize,
            ...(withTotal ? { total: true } : {}),
          };
    fetchRef.current(request, controller.signal).then(
      (page) => {
        pending.current.delete(block);
        if (controller.signal.aborted || current !== generation.current) return;
        blocks.current.set(block, { items: page.items, nextCursor: page.nextCursor });
        stale.current.delete(block);
        evictFarBlocks(blocks.current, visible.current);
        setState((s) =>
          page.total === undefined
            ? { ...s, error: null }
            : { ...s, total: page.total, capped: page.totalCapped ?? false, error: null },
        );
        setVersion((v) => v + 1);
      },
      (error: unknown) => {
        pending.current.delete(block);
        if (controller.signal.aborted || current !== generation.current) return;
        setState((s) => ({ ...s, error: error as ApiError }));
      },
    );
  }, []);

  /** Reads the list again from the top; `keep` shows the old rows until the new ones arrive. */
  const reset = useCallback(
    (keep = false) => {
      generation.current += 1;
      pending.current.forEach((c) => c.abort());
      pending.current.clear();
      if (keep) stale.current = new Set(blocks.current.keys());
      else {
        blocks.current.clear();
        stale.current.clear();
      }
      shift.current = 0;
      setArrived(0);
      load(0, true);
      const { start, end } = visible.current;
      for (let b = Math.floor(start / blockSize); b <= Math.floor(end / blockSize); b++) load(b);
    },
    [load],
  );

  const events = refetchOn.join(',');
  useEffect(() => {
    setState({ key, total: null, capped: false, error: null });
    visible.current = { start: 0, end: 0 };
    reset();
    const recount = () => {
      if (visible.current.start === 0) {
        reset(true);
        return;
      }
      // Further down the view keeps its rows; only the count is read again.
      const controller = new AbortController();
      fetchRef.current({ offset: 0, limit: 1, total: true }, controller.signal).then(
        (page) =>
          setState((s) => {
            const grew = (page.total ?? 0) - (s.total ?? 0);
            if (grew > 0) {
              shift.current += grew;
              setArrived((n) => n + grew);
            }
            return s;
          }),
        () => undefined,
      );
    };
    const offs = events
      .split(',')
      .filter(Boolean)
      .map((event) => api.on(event as EventName, recount));
    return () => {
      offs.forEach((off) => off());
      generation.current += 1;
      pending.current.forEach((c) => c.abort());
      pending.current.clear();
    };
  }, [key, events, reset]);

  const showRange = useCallback(
    (start: number, end: number) => {
      visible.current = { start, end };
      for (let b = Math.floor(start / blockSize); b <= Math.floor(end / blockSize); b++) load(b);
    },
    [load],
  );

  const rowAt = useCallback((index: number) => {
    return blocks.current.get(Math.floor(index / blockSize))?.items[index % blockSize];
  }, []);

  return {
    key,
    total: state.key === key ? state.total : null,
    capped: state.key === key && state.capped,
    rowAt,
    showRange,
    error: state.key === key ? state.error : null,
    arrived,
    showArrived: () => reset(true),
  };
}

/** Drops the blocks farthest from the view once more than `maxBlocks` are held. */
function evictFarBlocks<T>(blocks: Map<number, Block<T>>, view: { start: number; end: number }): void {
  if (blocks.size <= maxBlocks) return;
  const middle = (view.start + view.end) / 2 / blockSize;
  const byDistance = [...blocks.keys()].sort((a, b) => Math.abs(b - middle) - Math.abs(a - middle));
  for (const block of byDistance.slice(0, blocks.size - maxBlocks)) blocks.delete(block);
}
