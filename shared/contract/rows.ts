import type { FindingRecord } from './reconcile';

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

/** One log entry whole: its columns and the entry as Graph returned it. */
export interface ProvisioningEventDetail extends ProvisioningEventRow {
  changeId: string | null;
  ingestedAt: string;
  entry: Record<string, unknown>;
}

/** A finding in a table page (the store's current view of it). */
export type FindingRow = FindingRecord;
