/** What Graph's provisionOnDemand said, read from its decoded `key` and `value` (both JSON strings on the wire). */
export interface OnDemandAnswer {
  result: 'Success' | 'Failure' | 'Skipped' | 'Unknown';
  errorCode: string | null;
  message: string;
  steps: { name: string; status: string; description: string }[];
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Reads the answer defensively: Graph documents the shape loosely, so anything missing reads as
 * unknown rather than as a success.
 */
export function readOnDemandAnswer(answer: { key: unknown; value: unknown }): OnDemandAnswer {
  const key = record(answer.key);
  const value = record(answer.value);
  const details = record(key.details);
  const statusInfo = record(value.statusInfo);
  const raw = text(key.result) || text(statusInfo.status);
  const result = (['Success', 'Failure', 'Skipped'] as const).find(
    (r) => r.toLowerCase() === raw.toLowerCase(),
  );
  const errorCode = text(details.errorCode) || text(statusInfo.errorCode) || null;
  const reason = text(details.errorMessage) || text(statusInfo.reason);
  const steps = (Array.isArray(value.provisioningSteps) ? value.provisioningSteps : []).map((step) => {
    const s = record(step);
    return { name: text(s.name), status: text(s.status), description: text(s.description) };
  });
  const message =
    result === 'Success'
      ? 'Entra provisioned it on demand.'
      : result === 'Skipped'
        ? `Entra skipped it${reason ? `: ${reason}` : '.'}`
        : result === 'Failure'
          ? `Entra tried and failed${errorCode ? ` (${errorCode})` : ''}${reason ? `: ${reason}` : '.'}`
          : 'Graph answered without a result ScimWatch can read.';
  return { result: result ?? 'Unknown', errorCode, message, steps };
}
