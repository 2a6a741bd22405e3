import type { SourceHealth } from '../../../shared/contract';
import { sourceHealthLabels } from '../../../shared/labels';

/** A coloured dot with its meaning in text, so colour is never the only signal. */
export function HealthDot({ label, health }: { label: string; health: SourceHealth }) {
  return (
    <span className="health-dot" data-testid={`status-${label.toLowerCase()}`}>
      <span className={`dot health-${health}`} aria-hidden="true" />
      {label}: {sourceHealthLabels[health]}
    </span>
  );
}
