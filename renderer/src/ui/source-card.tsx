import type { SourceStatus } from '../../../shared/contract';
import { sourceHealthLabels } from '../../../shared/labels';
import { localTime, relativeTime } from './time-text';

/** One side of the wire (Entra or Pulumi) and how its last polls went. */
export function SourceCard({ title, source }: { title: string; source: SourceStatus }) {
  return (
    <section className="card" aria-label={`${title} health`}>
      <h3>{title}</h3>
      <p className={`health health-${source.health}`} data-testid={`health-${title.toLowerCase()}`}>
        {sourceHealthLabels[source.health]}
      </p>
      <dl>
        <dt>Last success</dt>
        <dd>
          {source.lastSuccessAt ? (
            <time dateTime={source.lastSuccessAt} title={localTime(source.lastSuccessAt)}>
              {relativeTime(source.lastSuccessAt)}
            </time>
          ) : (
            '—'
          )}
        </dd>
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
