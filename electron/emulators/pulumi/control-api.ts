import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { Faults } from '../faults';
import { sendJson, text, type EmulatorRequest, type Router } from '../http-kit';
import type { PulumiOrg, PulumiOrgOptions } from './pulumi-org';

type Handler = (body: Record<string, unknown>, req: EmulatorRequest) => unknown;

/**
 * Reads and changes the emulated org (`/_control/…`, guarded by the start-up key): the engine and
 * tests seed personal accounts, console teams and admins, regenerate the SCIM token, set options.
 */
export function registerPulumiControl(router: Router, key: string, org: PulumiOrg, faults: Faults): void {
  const guarded = (handler: Handler) => (req: EmulatorRequest, res: ServerResponse) => {
    if (req.header('x-emulator-control') !== key)
      return sendJson(res, 403, { error: 'control key required' });
    try {
      const result = handler(req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {}, req);
      sendJson(res, 200, result ?? { ok: true });
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  router
    .on(
      'GET',
      '/_control/org',
      guarded(() => ({
        name: org.name,
        options: org.options,
        features: org.features,
        accounts: [...org.accounts.values()],
        memberships: [...org.memberships.values()],
        teams: [...org.teams.values()],
        auditEvents: org.auditLog.length,
      })),
    )
    .on(
      'POST',
      '/_control/personal-accounts',
      guarded((body) =>
        org.addPersonalAccount({
          userName: text(body.userName),
          email: typeof body.email === 'string' ? body.email : null,
        }),
      ),
    )
    .on(
      'POST',
      '/_control/members',
      guarded((body) => {
        const account = org.addPersonalAccount({
          userName: text(body.userName),
          email: typeof body.email === 'string' ? body.email : null,
        });
        org.addInvitedMember(account, body.role === 'admin' ? 'admin' : 'member');
        return account;
      }),
    )
    .on(
      'POST',
      '/_control/teams',
      guarded((body) =>
        org.addTeam({
          displayName: text(body.displayName),
          kind: body.kind === 'github' ? 'github' : body.kind === 'scim' ? 'scim' : 'pulumi',
        }),
      ),
    )
    .on(
      'POST',
      '/_control/scim-token/regenerate',
      guarded(() => ({ token: org.regenerateScimToken() })),
    )
    .on(
      'POST',
      '/_control/access-tokens',
      guarded(() => {
        const token = `pul-${randomBytes(20).toString('hex')}`;
        org.accessTokens.add(token);
        return { token };
      }),
    )
    .on(
      'PUT',
      '/_control/options',
      guarded((body) => Object.assign(org.options, body as Partial<PulumiOrgOptions>)),
    )
    .on(
      'PUT',
      '/_control/features',
      guarded((body) => Object.assign(org.features, body)),
    )
    .on(
      'PUT',
      '/_control/faults',
      guarded((body) => faults.update(body)),
    );
}
