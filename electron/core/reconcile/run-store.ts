import type Database from 'better-sqlite3';

import type {
  ChecklistStep,
  Finding,
  ReconcileRun,
  ReconcileTrigger,
  RunCounts,
} from '../../../shared/contract';

/** The part of a finding that may change while it stays open: versioned, so past runs can be rebuilt. */
function versionedState(finding: Finding): string {
  const { key: _key, kind: _kind, entraId: _entraId, scimId: _scimId, ...state } = finding;
  return JSON.stringify(state);
}

export interface RunToRecord {
  startedAt: string;
  finishedAt: string;
  trigger: ReconcileTrigger;
  findings: Finding[];
  counts: RunCounts;
  checklist: ChecklistStep[];
}

const upsertFindingSql = `INSERT INTO findings (key, kind, severity, display_name, fix_id, root_key, cause, entra_id,
                         scim_id, evidence, first_seen_run, first_seen_at, last_seen_run, last_seen_at)
   VALUES (@key, @kind, @severity, @displayName, @fixId, @rootKey, @cause, @entraId, @scimId, @evidence,
           @run, @at, @run, @at)
   ON CONFLICT (key) DO UPDATE SET
     severity = excluded.severity, display_name = excluded.display_name, fix_id = excluded.fix_id,
     root_key = excluded.root_key, cause = excluded.cause, scim_id = excluded.scim_id, evidence = excluded.evidence,
     -- a finding that comes back after it was resolved starts a new spell
     first_seen_run = CASE WHEN findings.resolved_run IS NULL THEN findings.first_seen_run ELSE excluded.first_seen_run END,
     first_seen_at = CASE WHEN findings.resolved_run IS NULL THEN findings.first_seen_at ELSE excluded.first_seen_at END,
     last_seen_run = excluded.last_seen_run, last_seen_at = excluded.last_seen_at,
     resolved_run = NULL, resolved_at = NULL`;

/** The open version of each finding, and the statements that move findings from run to run. */
function findingStatements(db: Database.Database) {
  const open = new Map(
    (
      db
        .prepare('SELECT finding_key AS key, version, state FROM finding_versions WHERE valid_to_run IS NULL')
        .all() as { key: string; version: number; state: string }[]
    ).map((row) => [row.key, row]),
  );
  return {
    open,
    close: db.prepare('UPDATE finding_versions SET valid_to_run = ? WHERE finding_key = ? AND version = ?'),
    lastVersion: db.prepare('SELECT MAX(version) AS version FROM finding_versions WHERE finding_key = ?'),
    addVersion: db.prepare(
      'INSERT INTO finding_versions (finding_key, version, valid_from_run, state) VALUES (?, ?, ?, ?)',
    ),
    upsert: db.prepare(upsertFindingSql),
    touch: db.prepare('UPDATE findings SET last_seen_run = ?, last_seen_at = ? WHERE key = ?'),
    resolve: db.prepare('UPDATE findings SET resolved_run = ?, resolved_at = ? WHERE key = ?'),
  };
}

/** Versions this run's findings and resolves the ones no longer present; says how many opened and resolved. */
function recordFindings(db: Database.Database, runId: number, run: RunToRecord) {
  const { open, close, lastVersion, addVersion, upsert, touch, resolve } = findingStatements(db);
  let opened = 0;
  for (const finding of run.findings) {
    const state = versionedState(finding);
    const current = open.get(finding.key);
    open.delete(finding.key);
    if (current?.state === state) {
      touch.run(runId, run.finishedAt, finding.key);
      continue;
    }
    if (current) close.run(runId, finding.key, current.version);
    else opened += 1;
    const version =
      (current?.version ?? (lastVersion.get(finding.key) as { version: number | null }).version ?? 0) + 1;
    upsert.run({
      key: finding.key,
      kind: finding.kind,
      severity: finding.severity,
      displayName: finding.displayName,
      fixId: finding.fixId,
      rootKey: finding.rootKey ?? null,
      cause: finding.cause ?? null,
      entraId: finding.entraId ?? null,
      scimId: finding.scimId ?? null,
      evidence: JSON.stringify(finding.evidence),
      run: runId,
      at: run.finishedAt,
    });
    addVersion.run(finding.key, version, runId, state);
  }
  for (const gone of open.values()) {
    close.run(runId, gone.key, gone.version);
    resolve.run(runId, run.finishedAt, gone.key);
  }
  return { opened, resolved: open.size };
}

/**
 * Records one run in one transaction: the run and its counts; for each finding a new version only
 * when it appeared or changed (otherwise just "last seen"); the findings no longer present closed as
 * resolved; the checklist versioned the same way.
 */
export function recordRun(db: Database.Database, run: RunToRecord): ReconcileRun {
  return db.transaction((): ReconcileRun => {
    const runId = Number(
      db
        .prepare(
          `INSERT INTO reconciliation_runs (started_at, finished_at, status, summary, trigger)
           VALUES (?, ?, 'completed', '{}', ?)`,
        )
        .run(run.startedAt, run.finishedAt, run.trigger).lastInsertRowid,
    );
    const { opened, resolved } = recordFindings(db, runId, run);
    recordChecklist(db, runId, run.checklist);
    const open = run.counts.findings;
    db.prepare(
      `UPDATE reconciliation_runs SET summary = ?, open_errors = ?, open_warnings = ?, open_info = ?, open_roots = ?
        WHERE id = ?`,
    ).run(
      JSON.stringify({ counts: run.counts, opened, resolved }),
      open.bySeverity.error,
      open.bySeverity.warning,
      open.bySeverity.info,
      open.roots,
      runId,
    );
    const { startedAt, finishedAt, trigger, counts } = run;
    return { id: runId, startedAt, finishedAt, trigger, counts, opened, resolved };
  })();
}

function recordChecklist(db: Database.Database, runId: number, checklist: ChecklistStep[]): void {
  const body = JSON.stringify(checklist);
  const current = db
    .prepare(
      'SELECT version, body FROM checklist_versions WHERE valid_to_run IS NULL ORDER BY version DESC LIMIT 1',
    )
    .get() as { version: number; body: string } | undefined;
  if (current?.body === body) return;
  if (current)
    db.prepare('UPDATE checklist_versions SET valid_to_run = ? WHERE version = ?').run(
      runId,
      current.version,
    );
  db.prepare('INSERT INTO checklist_versions (valid_from_run, body) VALUES (?, ?)').run(runId, body);
}
