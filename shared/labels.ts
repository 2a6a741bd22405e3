import type { SourceHealth } from './contract/status';

/** What each source health is called, wherever a person reads it (dashboard, CLI). */
export const sourceHealthLabels: Record<SourceHealth, string> = {
  ok: 'Healthy',
  degraded: 'Degraded',
  error: 'Failing',
  not_configured: 'Not configured',
  never_polled: 'Not polled yet',
};
