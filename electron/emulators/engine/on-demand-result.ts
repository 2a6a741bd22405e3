import type { JsonObject } from '../graph/tenant-types';

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/**
 * Graph's provisionOnDemand answer from the log entry the run wrote: `key` is the outcome, `value`
 * the log-like record — both JSON strings, as the real API returns them.
 */
export function onDemandResult(entry: JsonObject): { key: string; value: string } {
  const status = entry.provisioningStatusInfo as { status: string; errorInformation: JsonObject | null };
  const error = status.errorInformation;
  const result =
    status.status === 'success' ? 'Success' : status.status === 'failure' ? 'Failure' : 'Skipped';
  const identity = (value: unknown) => {
    const i = value as JsonObject;
    return { id: i.id, type: i.identityType, displayName: i.displayName, details: {} };
  };
  const system = (value: unknown, name: string) => ({ id: (value as JsonObject).id, name, details: {} });
  const record = {
    action: capitalise(String(entry.provisioningAction)),
    changeId: entry.changeId,
    startTime: entry.activityDateTime,
    endTime: entry.activityDateTime,
    modifiedProperties: entry.modifiedProperties,
    provisioningSteps: (entry.provisioningSteps as JsonObject[]).map((step) => ({
      name: step.name,
      type: capitalise(String(step.provisioningStepType)),
      status: capitalise(String(step.status)),
      description: step.description,
      timestamp: entry.activityDateTime,
      details: step.details,
    })),
    reportableIdentifier: (entry.sourceIdentity as JsonObject).displayName,
    statusInfo: {
      '@odata.type': error ? 'microsoft.graph.statusDetails' : 'microsoft.graph.statusBase',
      status: capitalise(status.status),
      ...(error
        ? {
            errorCode: error.errorCode,
            reason: error.reason,
            additionalDetails: null,
            errorCategory: error.errorCategory,
            recommendedAction: null,
          }
        : {}),
    },
    sourceIdentity: identity(entry.sourceIdentity),
    targetIdentity: identity(entry.targetIdentity),
    sourceSystem: system(entry.sourceSystem, 'Azure Active Directory'),
    targetSystem: system(entry.targetSystem, 'customappsso'),
  };
  return {
    key: JSON.stringify({
      result,
      details: error ? { errorCode: error.errorCode, errorMessage: error.reason } : {},
    }),
    value: JSON.stringify(record),
  };
}
