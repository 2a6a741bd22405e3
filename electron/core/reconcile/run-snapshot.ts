import type Database from 'better-sqlite3';

import type { ChecklistStep, Finding, ReconcileRun, RunCounts, RunSnapshot } from '../../../shared/contract';
import type { FindingKind } from '../../../shared/finding-kinds';

interface RunRow {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: ReconcileRun['trigger'];
  summary: string;
}

/** The findings as they stood at a run, rebuilt from the versions valid then. */
function findingsAt(db: Database.Database, runId: number): Finding[] {
  const rows = db
    .prepare(
      `SELECT f.key, f.kind, f.entra_id AS entraId, f.scim_id AS scimId, v.state
         FROM finding_versions v JOIN findings f ON f.key = v.finding_key
        WHERE v.valid_from_run <= ? AND (v.valid_to_run IS NULL OR v.valid_to_run > ?)
        ORDER BY f.key`,
    )
    .all(runId, runId) as {
    key: string;
    kind: FindingKind;
    entraId: string | null;
    scimId: string | null;
    state: string;
  }[];
  return rows.map((row) => ({
    key: row.key,
    kind: row.kind,
    ...(row.entraId ? { entraId: row.entraId } : {}),
    ...(row.scimId ? { scimId: row.scimId } : {}),
    ...(JSON.parse(row.state) as Omit<Finding, 'key' | 'kind' | 'entraId' | 'scimId'>),
  }));
}

/** A run's record without its findings (the latest completed run when no id is given). */
export function runRecord(db: Database.Database, runId?: number): ReconcileRun | null {
  // No id: the latest completed run (an id of null matches every row, and the latest comes first).
  const row = db
    .prepare(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, trigger, summary
         FROM reconciliation_runs WHERE status = 'completed' AND (@runId IS NULL OR id = @runId)
        ORDER BY id DESC LIMIT 1`,
    )
    .get({ runId: runId ?? null }) as RunRow | undefined;
  if (!row) return null;
  const summary = JSON.parse(row.summary) as {
    // Runs recorded before unknown causes were counted have none.
    counts: RunCounts & { findings: Partial<Pick<RunCounts['findings'], 'unknownCauses'>> };
    opened: number;
    resolved: number;
  };
  return {
    id: row.id,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    trigger: row.trigger,
    counts: {
      ...summary.counts,
      findings: { ...summary.counts.findings, unknownCauses: summary.counts.findings.unknownCauses ?? 0 },
    },
    opened: summary.opened,
    resolved: summary.resolved,
  };
}

/** The configuration checklist as it stood at a run. */
export function checklistAt(db: Database.Database, runId: number): ChecklistStep[] {
  const checklist = db
    .prepare(
      `SELECT body FROM checklist_versions
        WHERE valid_from_run <= ? AND (valid_to_run IS NULL OR valid_to_run > ?) ORDER BY version DESC LIMIT 1`,
    )
    .get(runId, runId) as { body: string } | undefined;
  return checklist ? (JSON.parse(checklist.body) as ChecklistStep[]) : [];
}

/**
 * A run exactly as it was: counts, checklist and open findings (the latest completed run when no id
 * is given; null when there is none).
 */
export function runSnapshot(db: Database.Database, runId?: number): RunSnapshot | null {
  const run = runRecord(db, runId);
  if (!run) return null;
  return { run, checklist: checklistAt(db, run.id), findings: findingsAt(db, run.id) };
}

/** The latest completed runs, newest first (what a report can be made as of). */
export function recentRuns(db: Database.Database, limit = 100): { id: number; finishedAt: string }[] {
  return db
    .prepare(
      `SELECT id, finished_at AS finishedAt FROM reconciliation_runs WHERE status = 'completed'
        ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as { id: number; finishedAt: string }[];
}
