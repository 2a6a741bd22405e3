import type Database from 'better-sqlite3';

import type {
  CoverageGap,
  ReconcileRun,
  ReportHeader,
  ReportOptions,
  Settings,
} from '../../../shared/contract';
import { reportSchemaVersion } from '../../../shared/contract';
import { readLiveSchema } from '../reconcile/live-schema';
import { latestSecrets, latestSnapshot } from '../store/configuration-snapshots-repo';
import { PollState } from '../store/poll-state-repo';

/** Graph keeps the provisioning log this long; older entries exist only if ScimWatch read them in time. */
const graphLogRetentionMs = 30 * 86_400_000;
/** A stretch longer than this without a completed reconciliation is one the report cannot vouch for. */
export const coverageGapMs = 3_600_000;
const defaultPeriodMs = 30 * 86_400_000;

export interface ReportFrame {
  run: ReconcileRun | null;
  period: { since: string; until: string };
}

/** The period a report covers: as given, else the 30 days up to its run (or now). */
export function reportPeriod(
  options: ReportOptions,
  run: ReconcileRun | null,
  now: string,
): ReportFrame['period'] {
  const until = options.until ?? run?.finishedAt ?? now;
  const since = options.since ?? new Date(Date.parse(until) - defaultPeriodMs).toISOString();
  return { since, until };
}

/** Who and what the report is about, when each side was read, and the rule deciding scope. */
export function reportHeader(
  db: Database.Database,
  frame: ReportFrame,
  options: ReportOptions,
  context: { now: string; version: string; settings: Partial<Settings> },
): ReportHeader {
  const polls = new PollState(db);
  const secrets = latestSecrets(db);
  const body = latestSnapshot(db, 'schema_snapshots')?.body;
  const schema = readLiveSchema(body ? (JSON.parse(body) as never) : null);
  const syncAll = secrets.get('SyncAll');
  const { format: _format, ...rest } = options;
  return {
    schemaVersion: reportSchemaVersion,
    title: 'ScimWatch reconciliation report',
    generatedAt: context.now,
    scimwatchVersion: context.version,
    organization: context.settings.pulumiOrg ?? null,
    tenantId: context.settings.tenantId ?? null,
    app: {
      servicePrincipalId: context.settings.servicePrincipalId ?? null,
      jobId: context.settings.jobId ?? null,
    },
    run: frame.run
      ? { id: frame.run.id, startedAt: frame.run.startedAt, finishedAt: frame.run.finishedAt }
      : null,
    read: {
      entra: polls.lastSuccessAt('entra.directory'),
      log: polls.lastSuccessAt('entra.provisioningEvents'),
      pulumi: polls.lastSuccessAt('pulumi.scim'),
    },
    scope: {
      rule:
        syncAll === undefined ? 'unknown' : syncAll.toLowerCase() === 'true' ? 'all_users' : 'assigned_only',
      scopingFilter: Boolean(schema?.users?.scopingFilter),
    },
    period: frame.period,
    options: rest,
    redacted: options.redact === true,
  };
}

/**
 * The parts of the period the report cannot vouch for: before the oldest log entry Graph still kept
 * when ScimWatch first read it, and every stretch over an hour with no completed reconciliation.
 */
export function coverageGaps(db: Database.Database, period: ReportFrame['period']): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const runs = db
    .prepare(
      `SELECT started_at AS startedAt, finished_at AS finishedAt FROM reconciliation_runs
        WHERE status = 'completed' AND finished_at <= @until ORDER BY id`,
    )
    .all(period) as { startedAt: string; finishedAt: string }[];
  const first = runs[0];
  const logFrom = first
    ? new Date(Date.parse(first.startedAt) - graphLogRetentionMs).toISOString()
    : period.until;
  if (period.since < logFrom)
    gaps.push({
      source: 'provisioning_log',
      from: period.since,
      to: logFrom < period.until ? logFrom : period.until,
      reason: first
        ? `Graph keeps the provisioning log for 30 days; ScimWatch first read it at ${first.startedAt}.`
        : 'ScimWatch has not read the provisioning log yet.',
    });
  let covered = period.since;
  let compared = runs.some((run) => run.finishedAt < period.since);
  for (const run of runs) {
    if (run.finishedAt < period.since) continue;
    if (Date.parse(run.finishedAt) - Date.parse(covered) > coverageGapMs)
      gaps.push({
        source: 'reconciliation',
        from: covered,
        to: run.finishedAt,
        reason: compared
          ? 'No reconciliation completed in this stretch: both sides were not compared.'
          : 'Before ScimWatch first compared both sides.',
      });
    covered = run.finishedAt;
    compared = true;
  }
  if (Date.parse(period.until) - Date.parse(covered) > coverageGapMs)
    gaps.push({
      source: 'reconciliation',
      from: covered,
      to: period.until,
      reason: 'No reconciliation completed after this time within the period.',
    });
  return gaps;
}
