import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

import type { PageId } from './pages';
import type { RouteParams } from './use-route';

export interface PageProps {
  params: RouteParams;
}

type PageModule = Promise<{ default: ComponentType<PageProps> }>;

const loaders: Record<PageId, () => PageModule> = {
  overview: () => import('../features/overview/overview-page'),
  drift: () => import('../features/drift/drift-page'),
  failures: () => import('../features/failures/failures-page'),
  lookup: () => import('../features/lookup/lookup-page'),
  configuration: () => import('../features/configuration/configuration-page'),
  actions: () => import('../features/actions/actions-page'),
  reports: () => import('../features/reports/reports-page'),
  settings: () => import('../features/settings/settings-page'),
};

/**
 * Which component shows each page, loaded on first visit: the Overview's charts, for instance, are not
 * in the JavaScript the app starts with.
 */
export const routes = Object.fromEntries(
  Object.entries(loaders).map(([page, load]) => [page, lazy(load)]),
) as Record<PageId, LazyExoticComponent<ComponentType<PageProps>>>;

/** Starts loading a page's code now (the first page, while the app asks for its status). */
export function preloadRoute(page: PageId): void {
  void loaders[page]();
}
