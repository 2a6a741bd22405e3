import type { SourceStatus } from '../../../shared/contract';
import { sourceHealthLabels } from '../../../shared/labels';

/** One side of the wire (Entra or Pulumi) and how its last polls went. */
export function SourceCard({ title, source }: { title: string; source: SourceStatus }) {
  return (
    <section className="card" aria-label={`${title} health`}>
      <h2>{title}</h2>
      <p className={`health health-${source.health}`} data-testid={`health-${title.toLowerCase()}`}>
        {sourceHealthLabels[source.health]}
      </p>
      <dl>
        <dt>Last success</dt>
        <dd>{source.lastSuccessAt ?? '—'}</dd>
        {source.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>{source.lastError}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
