/** Row shapes of the tables the UI pages through. Column names match the store and the UI labels. */

export type ProvisioningStatus = 'success' | 'failure' | 'skipped' | 'warning';

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

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface FindingRow {
  key: string;
  kind: string;
  severity: FindingSeverity;
  subject: string;
  fixId: string | null;
  rootKey: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}
