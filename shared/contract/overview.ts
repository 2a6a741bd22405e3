import type { ObjectCounts, ReconcileTrigger } from './reconcile';

/** The provisioning job's state in words an admin acts on (the banner, the CLI). */
export const jobStates = [
  'active',
  'near_quarantine',
  'stalled',
  'quarantined',
  'paused',
  'not_run',
  'unknown',
] as const;
export type JobState = (typeof jobStates)[number];

/** The job as last observed, with what the latest reconciliation concluded about it. */
export interface JobBanner {
  state: JobState;
  /** Quarantine's reason or the detail behind a warning; null when there is nothing to add. */
  reason: string | null;
  /** When Entra tries a quarantined job again. */
  nextAttemptAt: string | null;
  lastSuccessfulCycleAt: string | null;
  lastCycleAt: string | null;
  /** The last cycle's end plus the job's interval (quarantine's next attempt when quarantined). */
  nextCycleDueAt: string | null;
  observedAt: string;
}

/** The Overview's figures, each counting root findings (not their symptoms), from the store. */
export interface OverviewSummary {
  generatedAt: string;
  /** The latest completed reconciliation, or null before the first. */
  run: { id: number; finishedAt: string; trigger: ReconcileTrigger } | null;
  job: JobBanner | null;
  users: ObjectCounts | null;
  teams: ObjectCounts | null;
  openRoots: { error: number; warning: number; info: number };
  guide: { failed: number; unknown: number; total: number };
  /** Distinct objects whose provisioning failed in the last 24 hours. */
  failedObjects24h: number;
}
