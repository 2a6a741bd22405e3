import type { AppStatus, StatRange } from '../../../../shared/contract';
import { statRanges } from '../../../../shared/contract/stats';
import { statRangeLabels } from '../../../../shared/labels';
import type { PageProps } from '../../navigation/routes';
import { navigate, routeHref } from '../../navigation/use-route';
import { useStatusStore } from '../../state/status-store';
import { QueryState } from '../../ui/query-state';
import { CausesChart } from './causes-chart';
import { ChangesFeed } from './changes-feed';
import { FindingsTrendChart } from './findings-trend-chart';
import { staleAge } from './freshness';
import { HealthBanner } from './health-banner';
import { KpiCards } from './kpi-cards';
import { OutcomesChart } from './outcomes-chart';
import {
  rangeOf,
  useFailureCauses,
  useFindingsTrend,
  useOutcomes,
  useOverviewSummary,
} from './overview-store';
import { SourcesSection } from './sources-section';

function RangePicker({ range }: { range: StatRange }) {
  return (
    <div className="range-picker" role="group" aria-label="Range of the charts">
      {statRanges.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === range}
          onClick={() => navigate('overview', r === '24h' ? {} : { range: r })}
        >
          {statRangeLabels[r]}
        </button>
      ))}
    </div>
  );
}

function Charts({ range, status }: { range: StatRange; status: AppStatus | null }) {
  const outcomes = useOutcomes(range);
  const causes = useFailureCauses(range);
  const trend = useFindingsTrend(range);
  const entraAge = status && staleAge(status, 'entra');
  const age = entraAge ? <p className="stale">Entra is not answering: figures as of {entraAge}.</p> : null;
  const runAge = status && staleAge(status, 'both');
  const trendAge = runAge ? (
    <p className="stale">A source is not answering: the latest run reconciled data from {runAge}.</p>
  ) : null;
  return (
    <section aria-label="Charts" className="charts">
      <div className="section-head">
        <h2 className="section-title">{statRangeLabels[range]}</h2>
        <RangePicker range={range} />
      </div>
      <figure className="card chart" aria-label="Provisioning outcomes over time" data-chart="outcomes">
        <figcaption>Provisioning outcomes (distinct objects)</figcaption>
        {age}
        <QueryState
          query={outcomes}
          isEmpty={(s) => s.buckets.every((b) => Object.values(b.outcomes).every((o) => o.entries === 0))}
          empty={
            <p>
              No provisioning log entries in this range. Entra logs each object it handles in a cycle; they
              appear after the next poll.
            </p>
          }
        >
          {(series) => <OutcomesChart series={series} range={range} />}
        </QueryState>
      </figure>
      <figure className="card chart" aria-label="Failures by cause" data-chart="causes">
        <figcaption>Failures by cause (distinct objects)</figcaption>
        {age}
        <QueryState
          query={causes}
          isEmpty={(c) => c.causes.length === 0}
          empty={<p>No object failed in this range.</p>}
        >
          {(counts) => <CausesChart counts={counts} range={range} />}
        </QueryState>
      </figure>
      <figure className="card chart wide" aria-label="Open findings across runs" data-chart="trend">
        <figcaption>Open findings across reconciliation runs</figcaption>
        {trendAge}
        <QueryState
          query={trend}
          isEmpty={(t) => t.points.length === 0}
          empty={<p>No reconciliation ran in this range. One runs after each poll of both sides.</p>}
        >
          {(t) => <FindingsTrendChart trend={t} />}
        </QueryState>
      </figure>
    </section>
  );
}

/** The Overview: the job's health, six figures, three charts, what changed, and the sources. */
export default function OverviewPage({ params }: PageProps) {
  const status = useStatusStore((s) => s.status);
  const summary = useOverviewSummary();
  const range = rangeOf(params.range);
  const profile = status?.profile;
  const missing =
    profile?.mode === 'live' && profile.missing.length ? (
      <section className="card warning" aria-label="Missing settings">
        <h2>This profile is not fully configured</h2>
        <p>ScimWatch needs these settings before it can read Entra and Pulumi:</p>
        <ul>
          {profile.missing.map((name) => (
            <li key={name}>
              <code>{name}</code>
            </li>
          ))}
        </ul>
        <p>
          <a className="button" href={routeHref('settings')}>
            Open Settings
          </a>
        </p>
      </section>
    ) : null;
  // With nothing stored yet, the way to Settings is all there is to show; history stays visible.
  if (missing && !summary.data?.run) return missing;
  return (
    <div className="overview" data-testid="overview">
      {missing}
      {profile?.mode === 'demo' ? (
        <p className="banner" role="status">
          Demo profile: an emulated Entra tenant and Pulumi organization, with problems planted on purpose.
          Demo data never mixes with real history. To watch your own tenant, set the SCIMWATCH_* variables
          (see the README) or save your settings in a new profile.
        </p>
      ) : null}
      <QueryState query={summary} empty={null}>
        {(s) => (
          <>
            <HealthBanner job={s.job} entraAge={status && staleAge(status, 'entra')} />
            <KpiCards summary={s} status={status} />
          </>
        )}
      </QueryState>
      <Charts range={range} status={status} />
      <ChangesFeed runId={summary.data?.run?.id} finishedAt={summary.data?.run?.finishedAt} />
      {status ? <SourcesSection status={status} /> : null}
      {status?.secretStorage.warning ? (
        <p className="banner warning" role="alert">
          {status.secretStorage.warning}
        </p>
      ) : null}
    </div>
  );
}
