import type { SourceHealth } from '../../../shared/contract';

export const healthLabels: Record<SourceHealth, string> = {
  ok: 'Healthy',
  degraded: 'Degraded',
  error: 'Failing',
  not_configured: 'Not configured',
  never_polled: 'Not polled yet',
};

/** A coloured dot with its meaning in text, so colour is never the only signal. */
export function HealthDot({ label, health }: { label: string; health: SourceHealth }) {
  return (
    <span className="health-dot" data-testid={`status-${label.toLowerCase()}`}>
      <span className={`dot health-${health}`} aria-hidden="true" />
      {label}: {healthLabels[health]}
    </span>
  );
}
