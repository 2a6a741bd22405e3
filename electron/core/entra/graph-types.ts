/** The parts of Graph's payloads the app reads. Everything else is kept as received (JSON). */

import type { ProvisioningStatus } from '../../../shared/contract';

export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface ProvisioningEntry {
  id: string;
  activityDateTime: string;
  jobId: string;
  cycleId: string;
  changeId: string;
  provisioningAction: string;
  servicePrincipal: { id: string; displayName: string };
  sourceIdentity: { id: string; displayName: string; identityType: string };
  targetIdentity: { id: string; displayName: string; identityType: string };
  provisioningStatusInfo: {
    status: ProvisioningStatus;
    errorInformation: { errorCode: string; reason: string; errorCategory: string } | null;
  };
  [other: string]: unknown;
}

export interface SynchronizationJob {
  id: string;
  templateId: string;
  schedule: { interval: string; state: string; expiration: string | null };
  status: { code: string; quarantine: unknown; [other: string]: unknown };
  [other: string]: unknown;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  preferredSingleSignOnMode: string | null;
}

export interface AppRoleAssignment {
  id: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  principalDisplayName: string;
}

export interface DirectoryObject {
  '@odata.type'?: string;
  id: string;
  [property: string]: unknown;
}

export interface SecretPair {
  key: string;
  value: string;
}
