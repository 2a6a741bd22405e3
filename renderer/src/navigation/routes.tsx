import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

import type { PageId } from './pages';
import type { RouteParams } from './use-route';

export interface PageProps {
  params: RouteParams;
}

/**
 * Which component shows each page, loaded on first visit: the Overview's charts, for instance, are not
 * in the JavaScript the app starts with. Pages not built yet share the placeholder.
 */
export const routes: Record<PageId, LazyExoticComponent<ComponentType<PageProps>>> = {
  overview: lazy(() => import('../features/overview/overview-page')),
  drift: lazy(() => import('../features/upcoming/upcoming-page')),
  failures: lazy(() => import('../features/upcoming/upcoming-page')),
  lookup: lazy(() => import('../features/upcoming/upcoming-page')),
  configuration: lazy(() => import('../features/upcoming/upcoming-page')),
  reports: lazy(() => import('../features/upcoming/upcoming-page')),
  settings: lazy(() => import('../features/settings/settings-page')),
};
