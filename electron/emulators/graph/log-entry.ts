import { randomUUID } from 'node:crypto';

import type { ProvisioningStatus } from '../../../shared/contract';
import type { JsonObject } from './tenant-types';

export interface LogEntryInput {
  tenantId: string;
  jobId: string;
  servicePrincipal: { id: string; displayName: string; appId: string };
  activityDateTime: string;
  cycleId: string;
  action: 'create' | 'update' | 'delete' | 'disable' | 'other' | 'stagedDelete';
  status: ProvisioningStatus;
  identityType: 'User' | 'Group';
  source: { id: string; displayName: string };
  target: { id: string; displayName: string };
  error?: { errorCode: string; reason: string; errorCategory?: 'failure' | 'nonServiceFailure' };
  modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[];
  initiator?: 'system' | 'user';
  durationInMilliseconds?: number;
  id?: string;
}

const entraName = 'Azure Active Directory';

/**
 * Builds a provisioningObjectSummary in Graph's v1.0 shape from what actually happened to one
 * object. Steps read like Entra's: import, matching, then the export that succeeded or failed.
 */
export function buildLogEntry(input: LogEntryInput): JsonObject {
  const { identityType, source, servicePrincipal: sp } = input;
  const verb = {
    create: 'create',
    update: 'update',
    delete: 'delete',
    disable: 'disable',
    other: 'update',
    stagedDelete: 'delete',
  }[input.action];
  const exportStep = {
    name:
      input.action === 'create'
        ? 'EntryExportAdd'
        : input.action === 'delete'
          ? 'EntryExportDelete'
          : 'EntryExportUpdate',
    provisioningStepType: 'export',
    status: input.status === 'failure' ? 'failure' : input.status,
    description:
      input.status === 'failure'
        ? `Failed to ${verb} ${identityType} '${source.displayName}' in ${sp.displayName}`
        : input.status === 'skipped'
          ? `${identityType} '${source.displayName}' was skipped: ${input.error?.reason ?? 'nothing to do'}`
          : `${identityType} '${source.displayName}' was ${verb}d in ${sp.displayName}`,
    details: { ReportableIdentifier: source.displayName },
  };
  return {
    id: input.id ?? randomUUID(),
    activityDateTime: input.activityDateTime,
    tenantId: input.tenantId,
    jobId: input.jobId,
    cycleId: input.cycleId,
    changeId: randomUUID(),
    provisioningAction: input.action,
    durationInMilliseconds: input.durationInMilliseconds ?? 900,
    sourceSystem: { id: randomUUID(), displayName: entraName, details: {} },
    targetSystem: {
      id: randomUUID(),
      displayName: sp.displayName,
      details: {
        ApplicationId: sp.appId,
        ServicePrincipalId: sp.id,
        ServicePrincipalDisplayName: sp.displayName,
      },
    },
    initiatedBy:
      input.initiator === 'user'
        ? { id: randomUUID(), displayName: 'On-demand provisioning', initiatorType: 'user' }
        : { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    servicePrincipal: { id: sp.id, displayName: sp.displayName },
    sourceIdentity: { id: source.id, displayName: source.displayName, identityType, details: {} },
    targetIdentity: { id: input.target.id, displayName: input.target.displayName, identityType, details: {} },
    provisioningStatusInfo: {
      status: input.status,
      errorInformation: input.error
        ? {
            errorCode: input.error.errorCode,
            reason: input.error.reason,
            additionalDetails: null,
            errorCategory: input.error.errorCategory ?? 'nonServiceFailure',
            recommendedAction: null,
          }
        : null,
    },
    provisioningSteps: [
      {
        name: input.action === 'create' ? 'EntryImportAdd' : 'EntryImport',
        provisioningStepType: 'import',
        status: 'success',
        description: `Received ${identityType} '${source.displayName}' change from ${entraName}`,
        details: {},
      },
      {
        name: input.action === 'create' ? 'EntrySynchronizationAdd' : 'EntrySynchronizationUpdate',
        provisioningStepType: 'matching',
        status: 'success',
        description: `${identityType} '${source.displayName}' will be ${verb}d in ${sp.displayName}`,
        details: {},
      },
      exportStep,
    ],
    modifiedProperties: input.modifiedProperties ?? [
      { displayName: 'objectId', oldValue: null, newValue: source.id },
    ],
  };
}
