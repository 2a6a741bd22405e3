import { severityLabels } from '../../../../shared/labels';
import { routeHref } from '../../navigation/use-route';
import { QueryState } from '../../ui/query-state';
import { relativeTime } from '../../ui/time-text';
import { useRunChanges } from './overview-store';

/** What the latest reconciliation opened and resolved, newest first; names are text, never markup. */
export function ChangesFeed({
  runId,
  finishedAt,
}: {
  runId: number | undefined;
  finishedAt: string | undefined;
}) {
  const list = useRunChanges(runId);
  return (
    <section className="card feed" aria-label="Since the last cycle">
      <h2>Since the last cycle</h2>
      {finishedAt ? <p className="muted">Reconciled {relativeTime(finishedAt)}.</p> : null}
      <QueryState
        query={list}
        isEmpty={(items) => items.length === 0}
        empty={
          <p>{runId ? 'Nothing appeared or resolved in the last run.' : 'No reconciliation has run yet.'}</p>
        }
      >
        {(items) => (
          <>
            <ul className="feed-items">
              {items.map((finding) => {
                const resolved = Boolean(finding.resolvedAt);
                return (
                  <li key={finding.key} className={resolved ? 'resolved' : `severity-${finding.severity}`}>
                    <span className="feed-change">{resolved ? 'Resolved' : 'Appeared'}</span>
                    <span className="feed-severity">{severityLabels[finding.severity]}</span>
                    <a
                      className="feed-name"
                      href={routeHref('drift', { finding: finding.key, state: 'all' })}
                      data-testid="feed-name"
                    >
                      {finding.displayName}
                    </a>
                    <span className="feed-kind">{finding.kind}</span>
                  </li>
                );
              })}
            </ul>
            {list.hasMore ? (
              <button type="button" onClick={list.loadMore}>
                Show more
              </button>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
