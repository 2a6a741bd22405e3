import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { sendEmpty, sendJson, text, type EmulatorRequest, type Router } from '../http-kit';
import type { Faults } from '../faults';
import { buildLogEntry, type LogEntryInput } from './log-entry';
import type { IdentityPlatform } from './oauth/identity-platform';
import type { TokenService } from './oauth/tokens';
import type { EmulatedTenant } from './tenant';
import type { JsonObject } from './tenant-types';

export interface ControlTargets {
  tenant: EmulatedTenant;
  tokens: TokenService;
  identity: IdentityPlatform;
  faults: Faults;
}

type Handler = (body: JsonObject, req: EmulatorRequest) => unknown;

/**
 * The control API (`/_control/…`, guarded by the key the emulator was started with): read and change
 * the tenant, approve device codes, revoke tokens, inject faults. Out-of-process users (the CLI, the
 * demo engine) use this; in-process code calls the same objects directly.
 */
export function registerControlApi(router: Router, key: string, targets: ControlTargets): void {
  const { tenant, tokens, identity, faults } = targets;
  const guarded = (handler: Handler) => (req: EmulatorRequest, res: ServerResponse) => {
    if (req.header('x-emulator-control') !== key)
      return sendJson(res, 403, { error: 'control key required' });
    let body: JsonObject = {};
    try {
      body = req.body ? (JSON.parse(req.body) as JsonObject) : {};
      const result = handler(body, req);
      if (result === undefined) sendEmpty(res);
      else sendJson(res, 200, result);
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const param = (req: EmulatorRequest, name: string) => req.params[name] ?? '';

  router
    .on(
      'GET',
      '/_control/tenant',
      guarded(() => ({
        tenantId: tenant.tenantId,
        licensed: tenant.licensed,
        users: [...tenant.users.values()],
        groups: [...tenant.groups.values()],
        servicePrincipals: [...tenant.servicePrincipals.values()],
        assignments: tenant.assignments,
        provisioningEvents: tenant.log.size,
        /** Entries a scenario computes (synthetic, labelled `@scimwatch.synthetic` on each entry). */
        syntheticProvisioningEvents: tenant.history?.size ?? 0,
      })),
    )
    .on(
      'POST',
      '/_control/clients',
      guarded((body) => {
        const appId = text(body.appId) || randomUUID();
        const client = {
          appId,
          displayName: text(body.displayName, 'Client app'),
          secrets: (body.secrets as string[] | undefined) ?? [],
          certificates: (body.certificates as string[] | undefined) ?? [],
          applicationPermissions: (body.applicationPermissions as string[] | undefined) ?? [],
          delegatedPermissions: (body.delegatedPermissions as string[] | undefined) ?? [],
          redirectUris: (body.redirectUris as string[] | undefined) ?? [],
        };
        tenant.clients.set(appId, client);
        return client;
      }),
    )
    .on(
      'POST',
      '/_control/provisioning-apps',
      guarded((body) =>
        tenant.addProvisioningApp({
          displayName: text(body.displayName, 'Pulumi Cloud'),
          baseAddress: text(body.baseAddress),
          secretToken: text(body.secretToken),
          ownerAppIds: (body.ownerAppIds as string[] | undefined) ?? [],
        }),
      ),
    )
    .on(
      'POST',
      '/_control/users',
      guarded((body) => tenant.addUser(body as never)),
    )
    .on(
      'PATCH',
      '/_control/users/:id',
      guarded((body, req) => tenant.updateUser(param(req, 'id'), body)),
    )
    .on(
      'DELETE',
      '/_control/users/:id',
      guarded((_b, req) => tenant.deleteUser(param(req, 'id'))),
    )
    .on(
      'POST',
      '/_control/groups',
      guarded((body) => tenant.addGroup(body as never)),
    )
    .on(
      'PATCH',
      '/_control/groups/:id',
      guarded((body, req) => tenant.updateGroup(param(req, 'id'), body)),
    )
    .on(
      'DELETE',
      '/_control/groups/:id',
      guarded((_b, req) => tenant.deleteGroup(param(req, 'id'))),
    )
    .on(
      'POST',
      '/_control/groups/:id/members',
      guarded((body, req) => tenant.addMember(param(req, 'id'), String(body.memberId))),
    )
    .on(
      'DELETE',
      '/_control/groups/:id/members/:member',
      guarded((_b, req) => tenant.removeMember(param(req, 'id'), param(req, 'member'))),
    )
    .on(
      'POST',
      '/_control/servicePrincipals/:sp/assignments',
      guarded((body, req) => tenant.assign(param(req, 'sp'), String(body.principalId))),
    )
    .on(
      'DELETE',
      '/_control/assignments/:principal',
      guarded((_b, req) => tenant.unassign(param(req, 'principal'))),
    )
    .on(
      'PUT',
      '/_control/servicePrincipals/:sp/secrets',
      guarded((body, req) => tenant.setSecrets(param(req, 'sp'), body.value as never)),
    )
    .on(
      'PUT',
      '/_control/jobs/:job/schema',
      guarded((body, req) => void tenant.schemas.set(param(req, 'job'), body)),
    )
    .on(
      'POST',
      '/_control/provisioning-events',
      guarded((body) => {
        const entries = (body.entries as LogEntryInput[] | undefined) ?? [];
        for (const entry of entries) tenant.log.add(buildLogEntry(entry));
        return { added: entries.length, total: tenant.log.size };
      }),
    )
    .on(
      'PUT',
      '/_control/log-delay',
      guarded((body) => void (tenant.log.delayMs = Math.max(0, Number(body.ms ?? 0)))),
    )
    .on(
      'PUT',
      '/_control/licensed',
      guarded((body) => void (tenant.licensed = body.licensed !== false)),
    )
    .on(
      'PUT',
      '/_control/faults',
      guarded((body) => faults.update(body)),
    )
    .on(
      'POST',
      '/_control/tokens/revoke',
      guarded(() => tokens.revokeAll()),
    )
    .on(
      'PUT',
      '/_control/clock-offset',
      guarded((body) => void (tokens.clockOffsetMs = Number(body.ms ?? 0))),
    )
    .on(
      'POST',
      '/_control/delta/expire',
      guarded(() => tenant.changes.expireAll()),
    )
    .on(
      'POST',
      '/_control/device-codes/:code/approve',
      guarded((body, req) => {
        if (!identity.approveDeviceCode(param(req, 'code'), body.userId as string | undefined))
          throw new Error('Unknown user code');
        return { approved: true };
      }),
    );
}
