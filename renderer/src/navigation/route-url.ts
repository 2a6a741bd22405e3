import { isPageId, type PageId } from './pages';

/** Filters and selection as the URL carries them (`#/failures?cause=email_in_use&range=7d`). */
export type RouteParams = Record<string, string>;

export interface Route {
  page: PageId;
  params: RouteParams;
}

/** Reads a URL hash; an unknown page is the Overview, and every value stays text. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return { page: isPageId(path) ? path : 'overview', params: Object.fromEntries(new URLSearchParams(query)) };
}

export function routeHref(page: PageId, params: RouteParams = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}
