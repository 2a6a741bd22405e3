import type { ReportPreview } from '../../../../shared/contract';
import { findingKindLabels, severityLabels } from '../../../../shared/labels';
import { localTime } from '../../ui/time-text';

/** What the report will say first: its frame, what it cannot vouch for, and its summary. */
export function ReportPreviewView({ preview }: { preview: ReportPreview }) {
  const { header, coverage, summary } = preview;
  return (
    <section className="report-preview" aria-label="Preview" data-testid="report-preview">
      <h2>Preview</h2>
      <p>
        {header.organization ?? 'No Pulumi organization set'} ·{' '}
        {header.run
          ? `run #${header.run.id} of ${localTime(header.run.finishedAt)}`
          : 'no reconciliation run yet'}{' '}
        · {localTime(header.period.since)} to {localTime(header.period.until)}
      </p>
      {coverage.length ? (
        <ul className="plain-list coverage-gaps" aria-label="Coverage gaps">
          {coverage.map((gap) => (
            <li key={`${gap.source}:${gap.from}`}>
              Not covered from {localTime(gap.from)} to {localTime(gap.to)}: {gap.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Every part of the period is covered by stored data.</p>
      )}
      <dl className="facts">
        {summary.objects ? (
          <>
            <dt>Users</dt>
            <dd>
              {summary.objects.users.inScope} in scope, {summary.objects.users.matched} in Pulumi,{' '}
              {summary.objects.users.inSync} in sync
            </dd>
            <dt>Teams</dt>
            <dd>
              {summary.objects.teams.inScope} in scope, {summary.objects.teams.matched} in Pulumi,{' '}
              {summary.objects.teams.inSync} in sync
            </dd>
          </>
        ) : null}
        <dt>Open findings</dt>
        <dd data-testid="preview-open">
          {summary.findings.open} ({summary.findings.roots} root problems):{' '}
          {(['error', 'warning', 'info'] as const)
            .map((s) => `${summary.findings.bySeverity[s]} ${severityLabels[s].toLowerCase()}`)
            .join(', ')}
        </dd>
        <dt>Most frequent</dt>
        <dd>
          {summary.findings.byKind
            .slice(0, 3)
            .map((k) => `${findingKindLabels[k.kind]} (${k.roots + k.symptoms})`)
            .join('; ') || 'none'}
        </dd>
        <dt>Failed objects</dt>
        <dd>{summary.failuresByCause.reduce((n, f) => n + f.objects, 0)} in the period</dd>
        <dt>Retries</dt>
        <dd>
          {summary.retries.total} ({summary.retries.verifiedSucceeded} verified succeeded)
        </dd>
      </dl>
    </section>
  );
}
