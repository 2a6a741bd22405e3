import type { RenderedFix } from '../fixes/render';
import type { FindingRecord, FindingSeverity } from './reconcile';

/** Row shapes of the tables the UI pages through. Column names match the store and the UI labels. */

/** The outcomes Entra's provisioning log records, in every layer that reads or writes them. */
export const provisioningStatuses = ['success', 'failure', 'skipped', 'warning'] as const;
export type ProvisioningStatus = (typeof provisioningStatuses)[number];

export interface ProvisioningEventRow {
  id: string;
  activityDateTime: string;
  status: ProvisioningStatus;
  action: string;
  identityType: string;
  sourceId: string | null;
  sourceDisplayName: string | null;
  targetId: string | null;
  targetDisplayName: string | null;
  errorCode: string | null;
  cause: string | null;
  cycleId: string | null;
  jobId: string | null;
}

/**
 * One log entry whole: its columns, the entry as Graph returned it, and what ScimWatch reads from it:
 * Entra's reason, Pulumi's SCIM error body quoted in it, the fix for its cause and the open finding
 * it feeds.
 */
export interface ProvisioningEventDetail extends ProvisioningEventRow {
  changeId: string | null;
  ingestedAt: string;
  entry: Record<string, unknown>;
  reason: string | null;
  scimError: Record<string, unknown> | null;
  fix: RenderedFix | null;
  findingKey: string | null;
}

/** A finding in a table page (the store's current view of it) with how many open symptoms it has. */
export type FindingRow = FindingRecord & { symptoms: number };

/** One version of a finding: what it said from one run until another (null: still so). */
export interface FindingVersion {
  version: number;
  fromRun: number;
  from: string;
  toRun: number | null;
  to: string | null;
  severity: FindingSeverity;
  displayName: string;
  evidence: Record<string, unknown>;
}

/** One attribute of the object a finding concerns, as each side holds it. */
export interface ComparedValue {
  attribute: string;
  entra: string | null;
  pulumi: string | null;
  differs: boolean;
}

/** A finding with its guided fix rendered, its history and both sides' values. */
export interface FindingDetail extends FindingRow {
  fix: RenderedFix | null;
  history: FindingVersion[];
  /** Empty when the finding concerns no user or team (job, configuration, connection). */
  comparison: ComparedValue[];
}
