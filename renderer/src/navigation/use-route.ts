import { useMemo, useSyncExternalStore } from 'react';

import type { PageId } from './pages';
import { parseRoute, routeHref, type Route, type RouteParams } from './route-url';

export { routeHref, type Route, type RouteParams };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The route lives in the URL hash, so reloads, bookmarks and back and forward keep each view. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Opens a view; it becomes a history entry, so back returns to the previous one. */
export function navigate(page: PageId, params: RouteParams = {}): void {
  window.location.hash = routeHref(page, params);
}

/** Changes a view's filters in place: the URL keeps them, without a history entry per keystroke. */
export function replaceRoute(page: PageId, params: RouteParams = {}): void {
  window.history.replaceState(window.history.state, '', routeHref(page, params));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
