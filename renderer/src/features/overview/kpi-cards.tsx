import type { AppStatus, ObjectCounts, OverviewSummary } from '../../../../shared/contract';
import { routeHref } from '../../navigation/use-route';
import type { PageId } from '../../navigation/pages';
import { staleAge, type FigureSource } from './freshness';

interface Kpi {
  id: string;
  label: string;
  value: string;
  detail: string;
  tone: 'ok' | 'warning' | 'error' | 'neutral';
  source: FigureSource;
  href: string;
}

const inSync = (counts: ObjectCounts | null) =>
  counts ? `${counts.inSync.toLocaleString()} of ${counts.inScope.toLocaleString()}` : '—';

function syncTone(counts: ObjectCounts | null): Kpi['tone'] {
  if (!counts) return 'neutral';
  return counts.inSync === counts.inScope ? 'ok' : 'warning';
}

const link = (page: PageId, params: Record<string, string>) => routeHref(page, params);

function kpis(summary: OverviewSummary): Kpi[] {
  const { openRoots, guide } = summary;
  return [
    {
      id: 'users-in-sync',
      label: 'Users in sync',
      value: inSync(summary.users),
      detail: 'in scope, matched in Pulumi, with no open error or warning',
      tone: syncTone(summary.users),
      source: 'both',
      href: link('drift', { group: 'user' }),
    },
    {
      id: 'teams-in-sync',
      label: 'Teams in sync',
      value: inSync(summary.teams),
      detail: 'assigned groups whose Pulumi team matches',
      tone: syncTone(summary.teams),
      source: 'both',
      href: link('drift', { group: 'team' }),
    },
    {
      id: 'open-errors',
      label: 'Open errors',
      value: openRoots.error.toLocaleString(),
      detail: 'root problems, not counting their symptoms',
      tone: openRoots.error ? 'error' : 'ok',
      source: 'both',
      href: link('drift', { severity: 'error' }),
    },
    {
      id: 'open-warnings',
      label: 'Open warnings',
      value: openRoots.warning.toLocaleString(),
      detail: 'root problems, not counting their symptoms',
      tone: openRoots.warning ? 'warning' : 'ok',
      source: 'both',
      href: link('drift', { severity: 'warning' }),
    },
    {
      id: 'failed-guide-steps',
      label: 'Failed guide steps',
      value: `${guide.failed} of ${guide.total}`,
      detail: guide.unknown
        ? `${guide.unknown} could not be checked`
        : 'Pulumi’s Entra setup guide, step by step',
      tone: guide.failed ? 'error' : guide.unknown ? 'warning' : 'ok',
      source: 'both',
      href: link('configuration', { outcome: 'fail' }),
    },
    {
      id: 'failed-objects-24h',
      label: 'Failed in the last 24 h',
      value: summary.failedObjects24h.toLocaleString(),
      detail: 'distinct users and groups, however often Entra retried them',
      tone: summary.failedObjects24h ? 'error' : 'ok',
      source: 'entra',
      href: link('failures', { range: '24h', status: 'failure' }),
    },
  ];
}

/** Six figures, each a link to the list it counts. */
export function KpiCards({ summary, status }: { summary: OverviewSummary; status: AppStatus | null }) {
  return (
    <ul className="kpis" aria-label="Key figures">
      {kpis(summary).map((kpi) => {
        const age = status && staleAge(status, kpi.source);
        return (
          <li key={kpi.id}>
            <a className={`kpi tone-${kpi.tone}`} href={kpi.href} data-kpi={kpi.id}>
              <span className="kpi-label">{kpi.label}</span>
              <span className="kpi-value" data-testid={`kpi-${kpi.id}`}>
                {kpi.value}
              </span>
              <span className="kpi-detail">{kpi.detail}</span>
              {age ? <span className="kpi-stale">as of {age}: source failing</span> : null}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
