import type Database from 'better-sqlite3';

import type {
  ChecklistStep,
  ReconcileRun,
  ReportActionRow,
  ReportChecklistRow,
  ReportOutcomeRow,
  ReportSummary,
} from '../../../shared/contract';
import { findingSeverities } from '../../../shared/contract';
import type { FailureCause, FindingKind } from '../../../shared/finding-kinds';
import { guideStepLabels } from '../../../shared/labels';
import type { ReportFinding } from './report-findings';

type Period = { since: string; until: string };

/**
 * The summary's counts. Findings are counted from the same stream the sections list (so the two
 * never disagree); failures, job changes and retries are read for the period.
 */
export function reportSummary(
  db: Database.Database,
  run: ReconcileRun | null,
  period: Period,
  findings: Iterable<ReportFinding>,
): ReportSummary {
  const bySeverity = Object.fromEntries(
    findingSeverities.map((s) => [s, 0]),
  ) as ReportSummary['findings']['bySeverity'];
  const byKind = new Map<FindingKind, ReportSummary['findings']['byKind'][number]>();
  let open = 0;
  let roots = 0;
  for (const f of findings) {
    if (f.state !== 'open') continue;
    open += 1;
    bySeverity[f.severity] += 1;
    const entry = byKind.get(f.kind) ?? { kind: f.kind, severity: f.severity, roots: 0, symptoms: 0 };
    if (f.rootKey) entry.symptoms += 1;
    else {
      entry.roots += 1;
      roots += 1;
    }
    byKind.set(f.kind, entry);
  }
  const failuresByCause = (
    db
      .prepare(
        `SELECT coalesce(cause, 'unclassified') AS cause, count(DISTINCT coalesce(source_id, id)) AS objects,
                count(*) AS entries
           FROM provisioning_events WHERE status = 'failure' AND activity_date_time >= @since
            AND activity_date_time <= @until GROUP BY 1 ORDER BY objects DESC, cause`,
      )
      .all(period) as { cause: FailureCause | 'unclassified'; objects: number; entries: number }[]
  ).map((row) => ({ ...row }));
  const job = db
    .prepare(
      `SELECT count(*) AS changes, coalesce(sum(quarantined), 0) AS quarantines,
              (SELECT status_code FROM job_status_changes WHERE observed_at <= @until
                ORDER BY observed_at DESC LIMIT 1) AS latestState
         FROM job_status_changes WHERE observed_at >= @since AND observed_at <= @until`,
    )
    .get(period) as ReportSummary['job'];
  const retries = db
    .prepare(
      `SELECT count(*) AS total,
              coalesce(sum(state = 'verified_succeeded'), 0) AS verifiedSucceeded,
              coalesce(sum(state = 'verified_failed'), 0) AS verifiedFailed,
              coalesce(sum(state = 'unverified'), 0) AS unverified,
              coalesce(sum(state NOT IN ('verified_succeeded', 'verified_failed', 'unverified')), 0) AS other
         FROM actions WHERE kind = 'retry' AND requested_at >= @since AND requested_at <= @until`,
    )
    .get(period) as ReportSummary['retries'];
  return {
    objects: run ? { users: run.counts.users, teams: run.counts.teams } : null,
    findings: {
      open,
      roots,
      symptoms: open - roots,
      bySeverity,
      byKind: [...byKind.values()].sort(
        (a, b) => b.roots + b.symptoms - (a.roots + a.symptoms) || a.kind.localeCompare(b.kind),
      ),
    },
    failuresByCause,
    job,
    retries,
  };
}

/** Pulumi's guide as it stood at the run, a row per step. */
export function checklistRows(checklist: ChecklistStep[]): ReportChecklistRow[] {
  return checklist.map((step) => ({
    step: guideStepLabels[step.kind],
    outcome: step.outcome,
    evidence: step.detail,
  }));
}

/** Log entries per UTC day of the period, by outcome (from the rollups kept at ingest). */
export function outcomeRows(db: Database.Database, period: Period): ReportOutcomeRow[] {
  const rows = db
    .prepare(
      `SELECT bucket AS day, status, entries FROM outcome_buckets
        WHERE grain = 'day' AND bucket >= substr(@since, 1, 10) AND bucket <= substr(@until, 1, 10)
        ORDER BY bucket`,
    )
    .all(period) as { day: string; status: string; entries: number }[];
  const days = new Map<string, ReportOutcomeRow>();
  for (const row of rows) {
    const day = days.get(row.day) ?? { day: row.day, success: 0, failure: 0, skipped: 0, warning: 0 };
    if (
      row.status === 'success' ||
      row.status === 'failure' ||
      row.status === 'skipped' ||
      row.status === 'warning'
    )
      day[row.status] += row.entries;
    days.set(row.day, day);
  }
  return [...days.values()];
}

/** The audit trail of the period: every action ScimWatch took on the tenant, oldest first (paged). */
export function* actionRows(db: Database.Database, period: Period): Generator<ReportActionRow> {
  const page = db.prepare(
    `SELECT id, kind, state, actor, requested_at AS requestedAt, finished_at AS endedAt,
            coalesce(display_name, entra_id, '') AS subject, coalesce(message, '') AS outcome
       FROM actions WHERE requested_at >= @since AND requested_at <= @until AND id > @after
      ORDER BY id LIMIT 1000`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all({ ...period, after }) as ReportActionRow[];
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < 1000) return;
    after = last.id;
  }
}
