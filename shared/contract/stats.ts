import type { FailureCause } from '../finding-kinds';
import type { ProvisioningStatus } from './rows';

/** The spans the dashboard charts offer; each ends now. `all` is every entry stored, beyond Graph's 30 days. */
export const statRanges = ['24h', '7d', '30d', 'all'] as const;
export type StatRange = (typeof statRanges)[number];

/** Buckets are UTC hours or UTC days. */
export type StatGrain = 'hour' | 'day';

export interface OutcomeCount {
  /** Log entries (Entra logs an escrowed object again on every retry). */
  entries: number;
  /** Distinct objects with that outcome in the bucket. */
  objects: number;
}

export interface OutcomeBucket {
  start: string;
  outcomes: Record<ProvisioningStatus, OutcomeCount>;
}

/** Provisioning outcomes per bucket, from the first bucket touching the range to now (empty ones included). */
export interface OutcomeSeries {
  range: StatRange;
  grain: StatGrain;
  /** Start of the first bucket (the range rounded down to whole buckets); null when nothing is stored. */
  from: string | null;
  to: string;
  buckets: OutcomeBucket[];
}

/** Distinct objects that failed in the range, per cause; an object failing for two causes counts in both. */
export interface FailureCauseCounts {
  range: StatRange;
  /** Failures at or after this time count; null for all history. */
  since: string | null;
  to: string;
  causes: { cause: FailureCause; objects: number }[];
  /** Distinct objects that failed in the range, whatever the cause. */
  objects: number;
}

/** Open findings at the last reconciliation run of each bucket. */
export interface FindingsTrendPoint {
  runId: number;
  at: string;
  error: number;
  warning: number;
  info: number;
  /** Findings that are not the symptom of another. */
  roots: number;
}

export interface FindingsTrend {
  range: StatRange;
  grain: StatGrain;
  since: string | null;
  to: string;
  points: FindingsTrendPoint[];
}
