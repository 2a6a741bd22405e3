import type Database from 'better-sqlite3';

import type { JobBanner, JobState } from '../../../shared/contract';
import { jobIntervalMs } from '../reconcile/job-rules';

type Json = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The job's own code in the banner's words; warnings from the latest reconciliation take precedence. */
function stateOf(code: string | null, openJobKinds: Set<string>): JobState {
  if (code === 'Quarantine') return 'quarantined';
  if (code === 'Paused') return 'paused';
  if (code === 'NotRun') return 'not_run';
  if (openJobKinds.has('job.stalled')) return 'stalled';
  if (openJobKinds.has('job.near_quarantine')) return 'near_quarantine';
  return code === 'Active' ? 'active' : 'unknown';
}

/**
 * The provisioning job as last observed, in the banner's terms: its state, why, and its cycles' times
 * (on the job's own clock). Null before the job has been read.
 */
export function jobBanner(db: Database.Database): JobBanner | null {
  const latest = db
    .prepare('SELECT observed_at AS observedAt, state FROM job_status_changes ORDER BY id DESC LIMIT 1')
    .get() as { observedAt: string; state: string } | undefined;
  if (!latest) return null;
  const state = JSON.parse(latest.state) as Json;
  const status = (state.status ?? {}) as Json;
  const quarantine = (status.quarantine ?? null) as Json | null;
  const openJob = db
    .prepare(`SELECT kind, evidence FROM findings WHERE resolved_at IS NULL AND kind LIKE 'job.%'`)
    .all() as { kind: string; evidence: string }[];
  const jobState = stateOf(text(status.code), new Set(openJob.map((f) => f.kind)));
  const lastCycleAt = text((status.lastExecution as Json | undefined)?.timeEnded);
  const intervalMs = jobIntervalMs(state.schedule as Json | undefined);
  const nextAttemptAt = jobState === 'quarantined' ? text(quarantine?.nextAttempt) : null;
  const warning = openJob.find((f) => f.kind === `job.${jobState}`);
  return {
    state: jobState,
    reason:
      jobState === 'quarantined'
        ? text(quarantine?.reason)
        : warning
          ? reasonFrom(jobState, JSON.parse(warning.evidence) as Json)
          : null,
    nextAttemptAt,
    lastSuccessfulCycleAt: text((status.lastSuccessfulExecution as Json | undefined)?.timeEnded),
    lastCycleAt,
    nextCycleDueAt:
      nextAttemptAt ??
      (lastCycleAt && jobState !== 'paused' && jobState !== 'not_run'
        ? new Date(Date.parse(lastCycleAt) + intervalMs).toISOString()
        : null),
    observedAt: latest.observedAt,
  };
}

/** The figures behind a warning, in a sentence. */
function reasonFrom(state: JobState, evidence: Json): string | null {
  if (state === 'near_quarantine')
    return `${String(evidence.escrowed)} objects escrowed in the last cycle (${String(evidence.share)}; Entra quarantines at ${String(evidence.quarantineShare)}).`;
  if (state === 'stalled')
    return `No clean cycle since ${String(evidence.lastSuccess)}; cycles run every ${String(evidence.interval)}.`;
  return null;
}
