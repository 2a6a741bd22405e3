import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  classifyCause,
  reportedNameLimit,
  webResponseBody,
} from '../../electron/core/provisioning/classify-cause';

interface Recorded {
  provisioningAction: string;
  errorCode: string;
  reason: string;
}
// The recorded texts quote retry dates from the day they were recorded; classifying never reads them,
// so they stay as recorded here (failure-causes.test.ts re-dates them where a world is compared).
const recorded = (
  JSON.parse(readFileSync(new URL('../fixtures/causes.json', import.meta.url), 'utf8')) as {
    causes: Record<string, Recorded>;
  }
).causes;

describe('classifying failure causes at ingest', () => {
  it.each(Object.entries(recorded))('replays the engine-produced %s', (cause, entry) => {
    expect(
      classifyCause({ errorCode: entry.errorCode, reason: entry.reason, action: entry.provisioningAction }),
    ).toBe(cause);
  });

  it('reads a body whose detail holds braces, quotes and ". " safely, and survives a malformed one', () => {
    const reason =
      'StatusCode: BadRequest Message: x. Web Response: {"status":"400","detail":"Bad {name} \\"x\\". Then more"}. This operation was retried 0 times.';
    expect(webResponseBody(reason)?.detail).toBe('Bad {name} "x". Then more');
    expect(webResponseBody('Web Response: {"status": 4')).toBeNull();
    expect(classifyCause({ errorCode: 'Whatever', reason: 'Web Response: {nope}', action: 'create' })).toBe(
      'unknown',
    );
    expect(classifyCause({ errorCode: null, reason: null, action: 'create' })).toBe('unknown');
  });

  it('reads the team-name limit Pulumi reports', () => {
    expect(reportedNameLimit(recorded.team_name_too_long?.reason ?? '')).toBe(100);
  });
});
