import type { FailureCause, FindingKind } from '../finding-kinds';

export const findingSeverities = ['info', 'warning', 'error'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

/** Ranks severities so "at least warning" is a comparison. */
export const severityRank: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

/** One finding as it stands (or stood, for a past run). `evidence` holds both sides' values. */
export interface Finding {
  key: string;
  kind: FindingKind;
  severity: FindingSeverity;
  cause?: FailureCause;
  entraId?: string;
  scimId?: string;
  displayName: string;
  evidence: Record<string, unknown>;
  fixId: string;
  rootKey?: string;
}

/** A finding with its life across runs. */
export interface FindingRecord extends Finding {
  firstSeen: string;
  lastSeen: string;
  resolvedAt?: string;
}

export interface ObjectCounts {
  /** Objects Entra intends to provision. */
  inScope: number;
  /** Of those, objects found in Pulumi. */
  matched: number;
  /** Matched objects with no open error or warning. */
  inSync: number;
}

export interface FindingCounts {
  total: number;
  /** Findings that are not the symptom of another (what KPIs count). */
  roots: number;
  byKind: Partial<Record<FindingKind, number>>;
  bySeverity: Record<FindingSeverity, number>;
  /** Failures whose cause the classifier could not name: each one is a text it has not learnt. */
  unknownCauses: number;
}

export interface RunCounts {
  users: ObjectCounts;
  teams: ObjectCounts;
  findings: FindingCounts;
}

export type ReconcileTrigger = 'poll' | 'manual';

export interface ReconcileRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: ReconcileTrigger;
  counts: RunCounts;
  opened: number;
  resolved: number;
}

export type ChecklistOutcome = 'pass' | 'fail' | 'unknown';

/** One step of Pulumi's Entra setup guide, checked against what Entra and Pulumi report. */
export interface ChecklistStep {
  kind: Extract<FindingKind, `config.${string}`>;
  outcome: ChecklistOutcome;
  detail: string;
}

/** A run as it was: its counts, the checklist and the findings open then. */
export interface RunSnapshot {
  run: ReconcileRun;
  checklist: ChecklistStep[];
  findings: Finding[];
}
