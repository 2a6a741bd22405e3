import { useMemo, useSyncExternalStore } from 'react';

import { isPageId, type PageId } from './pages';

/** Filters and selection as the URL carries them (`#/failures?cause=email_in_use&range=7d`). */
export type RouteParams = Record<string, string>;

export interface Route {
  page: PageId;
  params: RouteParams;
}

/** The route lives in the URL hash, so reloads, bookmarks and back and forward keep each view. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return { page: isPageId(path) ? path : 'overview', params: Object.fromEntries(new URLSearchParams(query)) };
}

export function routeHref(page: PageId, params: RouteParams = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Opens a view; it becomes a history entry, so back returns to the previous one. */
export function navigate(page: PageId, params: RouteParams = {}): void {
  window.location.hash = routeHref(page, params);
}
