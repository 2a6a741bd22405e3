import type { ReportHeader, ReportSection } from '../../../../shared/contract';
import { provisioningStatuses } from '../../../../shared/contract';
import type { ReportData } from '../report-data';

/** A section as a table: its column names and its rows, streamed (CSV, and the HTML tables). */
export interface SectionTable {
  columns: string[];
  rows(): Iterable<unknown[]>;
}

/** The header as `field, value` pairs (CSV's header.csv, the top of HTML). */
export function* headerRows(header: ReportHeader): Generator<unknown[]> {
  yield ['title', header.title];
  yield ['organization', header.organization];
  yield ['tenant', header.tenantId];
  yield ['service principal', header.app.servicePrincipalId];
  yield ['provisioning job', header.app.jobId];
  yield ['reconciliation run', header.run?.id ?? 'none'];
  yield ['run started', header.run?.startedAt ?? ''];
  yield ['run finished', header.run?.finishedAt ?? ''];
  yield ['Entra directory read', header.read.entra ?? 'never'];
  yield ['provisioning log read', header.read.log ?? 'never'];
  yield ['Pulumi read', header.read.pulumi ?? 'never'];
  yield ['scope rule', header.scope.rule];
  yield ['scoping filter', header.scope.scopingFilter];
  yield ['period from', header.period.since];
  yield ['period to', header.period.until];
  yield ['minimum severity', header.options.minSeverity ?? 'info'];
  yield ['resolved findings', header.options.includeResolved ? 'included' : 'left out'];
  yield ['redacted', header.redacted];
  yield ['generated at', header.generatedAt];
  yield ['ScimWatch version', header.scimwatchVersion];
  yield ['report schema version', header.schemaVersion];
}

const pick = <T extends object>(columns: (keyof T & string)[], rows: () => Iterable<T>): SectionTable => ({
  columns,
  *rows() {
    for (const row of rows()) yield columns.map((c) => row[c]);
  },
});

/** Every section as a table, in the order a reader meets them. */
export function sectionTables(data: ReportData): Record<ReportSection, SectionTable> {
  const { summary } = data;
  return {
    summary: {
      columns: ['part', 'name', 'value'],
      *rows() {
        if (summary.objects)
          for (const side of ['users', 'teams'] as const)
            for (const [name, value] of Object.entries(summary.objects[side])) yield [side, name, value];
        yield ['findings', 'open', summary.findings.open];
        yield ['findings', 'roots', summary.findings.roots];
        yield ['findings', 'symptoms', summary.findings.symptoms];
        for (const [severity, n] of Object.entries(summary.findings.bySeverity))
          yield ['findings by severity', severity, n];
        for (const k of summary.findings.byKind) {
          yield ['findings by kind (roots)', k.kind, k.roots];
          yield ['findings by kind (symptoms)', k.kind, k.symptoms];
        }
        for (const f of summary.failuresByCause) {
          yield ['failed objects by cause', f.cause, f.objects];
          yield ['failed log entries by cause', f.cause, f.entries];
        }
        yield ['job', 'status changes', summary.job.changes];
        yield ['job', 'quarantines', summary.job.quarantines];
        yield ['job', 'latest state', summary.job.latestState ?? 'unknown'];
        for (const [name, value] of Object.entries(summary.retries)) yield ['retries', name, value];
      },
    },
    coverage: pick(['source', 'from', 'to', 'reason'], () => data.coverage),
    findings: pick(
      [
        'severity',
        'kind',
        'state',
        'root',
        'subject',
        'entraId',
        'scimId',
        'entra',
        'pulumi',
        'details',
        'cause',
        'fixId',
        'fix',
        'firstSeen',
        'lastSeen',
        'resolvedAt',
        'key',
      ],
      () => data.findings(),
    ),
    team_exceptions: pick(['team', 'teamEntraId', 'member', 'memberId', 'kind', 'state'], () =>
      data.teamExceptions(),
    ),
    checklist: pick(['step', 'outcome', 'evidence'], () => data.checklist),
    outcomes: pick(['day', ...provisioningStatuses], () => data.outcomes),
    actions: pick(['id', 'kind', 'state', 'actor', 'requestedAt', 'endedAt', 'subject', 'outcome'], () =>
      data.actions(),
    ),
  };
}
