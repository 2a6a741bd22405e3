import { describe, expect, it } from 'vitest';

import { readOnDemandAnswer } from '../../electron/core/actions/on-demand-answer';

describe('readOnDemandAnswer', () => {
  it('reads a failure: its code, reason and steps', () => {
    const answer = readOnDemandAnswer({
      key: {
        result: 'Failure',
        details: {
          errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
          errorMessage: 'mail is required',
        },
      },
      value: {
        provisioningSteps: [
          { name: 'EntryExportAdd', status: 'Failure', description: 'Pulumi refused the create' },
        ],
      },
    });
    expect(answer).toMatchObject({
      result: 'Failure',
      errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
      steps: [{ name: 'EntryExportAdd', status: 'Failure', description: 'Pulumi refused the create' }],
    });
    expect(answer.message).toContain('mail is required');
  });

  it('takes the status from the record when the key has none, in any case', () => {
    expect(readOnDemandAnswer({ key: {}, value: { statusInfo: { status: 'success' } } }).result).toBe(
      'Success',
    );
  });

  it('never reads a missing or garbled answer as a success', () => {
    for (const key of [null, 'not json', 42, { result: 'Maybe' }])
      expect(readOnDemandAnswer({ key, value: null }).result).toBe('Unknown');
  });
});
