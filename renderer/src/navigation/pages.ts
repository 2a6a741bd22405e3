/**
 * The dashboard's pages, in navigation order. The pages themselves are loaded when first opened
 * (see routes.tsx); pages not built yet say what they will show and which filter they were opened with.
 */
export const pages = [
  { id: 'overview', title: 'Overview', upcoming: null },
  { id: 'drift', title: 'Drift', upcoming: null },
  { id: 'failures', title: 'Failures', upcoming: null },
  { id: 'lookup', title: 'Lookup', upcoming: null },
  { id: 'configuration', title: 'Configuration', upcoming: null },
  { id: 'actions', title: 'Actions', upcoming: null },
  {
    id: 'reports',
    title: 'Reports',
    upcoming: 'Reconciliation reports for auditors, as CSV, JSON, HTML or PDF, for any past run.',
  },
  { id: 'settings', title: 'Settings', upcoming: null },
] as const;

export type PageId = (typeof pages)[number]['id'];

export function isPageId(value: string): value is PageId {
  return pages.some((page) => page.id === value);
}
