import { useEffect, useRef, useState } from 'react';

import type { ApiError, EventName, Page } from '../../../shared/contract';
import { api } from '../api/client';

export interface LiveQuery<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True until the first answer (or error) for the current key. */
  loading: boolean;
}

type Fetcher<T> = (signal: AbortSignal) => Promise<T>;

/**
 * The dashboard's one way to read live data: subscribe to the events that say it changed, then fetch
 * (so no change between the two is lost); fetch again on each such event. The latest request wins:
 * an older one is aborted (HTTP) or its reply dropped (IPC). No timer polls; the core's events drive it.
 * `key` names what is read (method and input): a new key starts over.
 */
export function useLiveQuery<T>(
  key: string,
  fetcher: Fetcher<T>,
  refetchOn: readonly EventName[],
  /** Keys of one group show the previous answer while the next loads (a list growing by a page). */
  group: string = key,
): LiveQuery<T> {
  const [state, setState] = useState<LiveQuery<T> & { key: string; group: string }>({
    key,
    group,
    data: undefined,
    error: null,
    loading: true,
  });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const events = refetchOn.join(',');

  useEffect(() => {
    let controller: AbortController | undefined;
    const run = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      fetcherRef.current(current.signal).then(
        (data) => {
          if (!current.signal.aborted) setState({ key, group, data, error: null, loading: false });
        },
        (error: unknown) => {
          if (current.signal.aborted) return;
          setState((previous) => ({ ...previous, key, group, error: error as ApiError, loading: false }));
        },
      );
    };
    const unsubscribe = events
      .split(',')
      .filter(Boolean)
      .map((event) => api.on(event as EventName, run));
    setState((previous) =>
      previous.key === key
        ? previous
        : previous.group === group
          ? { ...previous, key }
          : { key, group, data: undefined, error: null, loading: true },
    );
    run();
    return () => {
      unsubscribe.forEach((off) => off());
      controller?.abort();
    };
  }, [key, group, events]);

  // A reply for another group never shows under this one.
  return state.group === group ? state : { data: undefined, error: null, loading: true };
}

export interface PagedList<T> extends LiveQuery<T[]> {
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * A keyset-paged list on the same rules: the first page is live (re-read on the events given), and
 * `loadMore` follows the cursor. After an event the list is read again up to the rows already shown.
 */
export function usePagedList<T>(
  key: string,
  fetchPage: (cursor: string | undefined, limit: number, signal: AbortSignal) => Promise<Page<T>>,
  refetchOn: readonly EventName[],
  pageSize = 50,
): PagedList<T> {
  const [pages, setPages] = useState({ key, count: 1 });
  const count = pages.key === key ? pages.count : 1;
  const query = useLiveQuery(
    `${key}#${count}`,
    async (signal) => {
      const items: T[] = [];
      let cursor: string | undefined;
      let page: Page<T> | undefined;
      for (let i = 0; i < count; i++) {
        page = await fetchPage(cursor, pageSize, signal);
        items.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return { items, hasMore: Boolean(page?.nextCursor) };
    },
    refetchOn,
    key,
  );
  return {
    data: query.data?.items,
    error: query.error,
    loading: query.loading,
    hasMore: query.data?.hasMore ?? false,
    loadMore: () => setPages({ key, count: count + 1 }),
  };
}
