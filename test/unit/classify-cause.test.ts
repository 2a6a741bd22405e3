import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  classifyCause,
  reportedNameLimit,
  webResponseBody,
} from '../../electron/core/provisioning/classify-cause';
import type { FailureCause } from '../../shared/finding-kinds';
import { fixFor } from '../../shared/fixes';

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

  it('decides from structure before words: reworded reasons, status as a string or a number, no Web Response', () => {
    const cause = (reason: string, action = 'create', errorCode: string | null = 'SomethingElse') =>
      classifyCause({ errorCode, reason, action });
    // The status quoted as a number, and as a string, with wording Pulumi never used.
    expect(cause('StatusCode: 429 Message: slow down please')).toBe('rate_limited');
    expect(cause('Web Response: {"status":"503","detail":"back soon"}')).toBe('target_unavailable');
    expect(cause('Web Response: {"status":401,"detail":"who are you"}')).toBe('unauthorized');
    expect(cause('StatusCode: MethodNotAllowed Message: not here', 'delete')).toBe('user_delete_unsupported');
    // The SCIM type decides, and the detail names which attribute collided.
    expect(
      cause('Web Response: {"status":"409","scimType":"uniqueness","detail":"e-mail belongs to someone"}'),
    ).toBe('email_in_use');
    expect(cause('Web Response: {"status":409,"scimType":"uniqueness","detail":"pick another login"}')).toBe(
      'username_taken',
    );
    expect(cause('Web Response: {"status":"400","scimType":"mutability","detail":"no"}', 'update')).toBe(
      'username_immutable',
    );
    expect(cause('Web Response: {"status":"400","scimType":"invalidPath","detail":"x"}', 'update')).toBe(
      'unknown_attribute',
    );
    // No Web Response part at all: the words of the reason itself.
    expect(cause('StatusCode: Conflict Message: User with userName ana@contoso.test already exists.')).toBe(
      'username_taken',
    );
    // A 400 creating a user the store knows has no mail is a missing required value, whatever it says.
    expect(
      classifyCause({
        errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
        reason: 'Web Response: {"status":"400","detail":"request rejected"}',
        action: 'create',
        known: { userWithoutMail: true },
      }),
    ).toBe('missing_required_value');
  });

  it('keeps truly unknown text unknown', () => {
    expect(
      classifyCause({
        errorCode: 'Odd',
        reason: 'Web Response: {"status":"400","detail":"nope"}',
        action: 'create',
      }),
    ).toBe('unknown');
    expect(classifyCause({ errorCode: null, reason: 'Something went wrong.', action: 'update' })).toBe(
      'unknown',
    );
    expect(
      classifyCause({
        errorCode: null,
        reason: 'Web Response: {"status":"400","detail":"request rejected"}',
        action: 'create',
        known: { userWithoutMail: false },
      }),
    ).toBe('unknown');
  });

  it('names the cause of every error Pulumi’s troubleshooting page documents, status quoted as a string', () => {
    // status, scimType, detail (exact), cause, and the words of it the guided fix quotes.
    const documented: [string, string, string, string, string][] = [
      [
        '409',
        'uniqueness',
        'Email ana@contoso.test already in use by another Pulumi account.',
        'email_in_use',
        'already in use by another Pulumi account',
      ],
      [
        '409',
        'uniqueness',
        'User with userName ben@contoso.test already exists.',
        'username_taken',
        'User with userName … already exists',
      ],
      [
        '400',
        'immutability',
        "Attribute 'userName' is immutable.",
        'username_immutable',
        "Attribute 'userName' is immutable",
      ],
      ['400', 'invalidPath', 'Unknown path: title.', 'unknown_attribute', 'Unknown path'],
      [
        '400',
        'invalidValue',
        'Cannot add invalid members to team. Invalid member ids: s-1,s-2',
        'invalid_team_members',
        'Cannot add invalid members to team',
      ],
      [
        '400',
        'invalidValue',
        'Display name is too long. It must be 100 characters or less',
        'team_name_too_long',
        'Display name is too long',
      ],
    ];
    for (const [status, scimType, detail, cause, quoted] of documented) {
      const body = JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status,
        scimType,
        detail,
      });
      const reason = `StatusCode: ${status === '409' ? 'Conflict' : 'BadRequest'} Message: Processing of the HTTP request resulted in an exception. Web Response: ${body}. This operation was retried 0 times.`;
      const action = cause === 'username_immutable' ? 'update' : 'create';
      expect(
        classifyCause({ errorCode: 'SystemForCrossDomainIdentityManagementBadRequest', reason, action }),
        detail,
      ).toBe(cause);
      // The same with status as a number, as older examples show it.
      expect(
        classifyCause({
          errorCode: null,
          reason: reason.replace(`"status":"${status}"`, `"status":${status}`),
          action,
        }),
      ).toBe(cause);
      // And each has a guided fix that quotes the message it answers.
      expect(fixFor('provisioning.failure', cause as FailureCause)?.steps.join(' '), cause).toContain(quoted);
    }
  });
});
