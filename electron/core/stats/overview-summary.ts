import type Database from 'better-sqlite3';

import type { OverviewSummary } from '../../../shared/contract';
import { checklistAt, runRecord } from '../reconcile/run-snapshot';
import { failedObjects } from '../store/object-failures-repo';
import { jobBanner } from './job-banner';

const dayMs = 86_400_000;

/** Open root findings by severity: what the Overview's error and warning figures count. */
function openRoots(db: Database.Database): OverviewSummary['openRoots'] {
  const counts = { error: 0, warning: 0, info: 0 };
  const rows = db
    .prepare(
      `SELECT severity, count(*) AS n FROM findings WHERE resolved_at IS NULL AND root_key IS NULL GROUP BY severity`,
    )
    .all() as { severity: keyof typeof counts; n: number }[];
  for (const row of rows) if (row.severity in counts) counts[row.severity] = row.n;
  return counts;
}

/** The Overview's figures: the latest run's object counts, open roots, the guide, the last day's failures. */
export function overviewSummary(db: Database.Database, now: number): OverviewSummary {
  // The run's record and checklist only: rebuilding its findings is not needed for these figures.
  const run = runRecord(db);
  const checklist = run ? checklistAt(db, run.id) : [];
  return {
    generatedAt: new Date(now).toISOString(),
    run: run ? { id: run.id, finishedAt: run.finishedAt, trigger: run.trigger } : null,
    job: jobBanner(db),
    users: run?.counts.users ?? null,
    teams: run?.counts.teams ?? null,
    openRoots: openRoots(db),
    guide: {
      failed: checklist.filter((step) => step.outcome === 'fail').length,
      unknown: checklist.filter((step) => step.outcome === 'unknown').length,
      total: checklist.length,
    },
    failedObjects24h: failedObjects(db, new Date(now - dayMs).toISOString()),
  };
}
