/**
 * The dashboard's pages, in navigation order. The pages themselves are loaded when first opened
 * (see routes.tsx).
 */
export const pages = [
  { id: 'overview', title: 'Overview' },
  { id: 'drift', title: 'Drift' },
  { id: 'failures', title: 'Failures' },
  { id: 'lookup', title: 'Lookup' },
  { id: 'configuration', title: 'Configuration' },
  { id: 'actions', title: 'Actions' },
  { id: 'reports', title: 'Reports' },
  { id: 'settings', title: 'Settings' },
] as const;

export type PageId = (typeof pages)[number]['id'];

export function isPageId(value: string): value is PageId {
  return pages.some((page) => page.id === value);
}
