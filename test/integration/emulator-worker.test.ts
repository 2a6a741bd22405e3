import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCredential, graphScope } from '../../electron/core/entra/credential-factory';
import { EntraGraph } from '../../electron/core/entra/graph-api';
import { createGraphClient } from '../../electron/core/entra/graph-client';
import { systemClock } from '../../electron/core/time/clock';
import { PulumiRestClient } from '../../electron/core/pulumi/rest-client';
import { PulumiScimClient } from '../../electron/core/pulumi/scim-client';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import { startEmulatorWorker, type RunningEmulators } from '../../electron/emulators/start-emulator-worker';

const workerEntry = new URL('../../out/node/emulator-worker.js', import.meta.url);

/**
 * The emulator as the desktop app runs it — in a worker thread — driven only over HTTPS: the control
 * API sets the tenant up, and the app's own clients read it with the CA handed over at run time.
 */
describe('the emulators in a worker thread, driven over HTTPS', () => {
  let emulators: RunningEmulators;
  let transport: TransportFactory;
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await transport.fetch(`${emulators.graph.origin}/_control${path}`, {
      method,
      headers: { 'x-emulator-control': emulators.graph.controlKey, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
  };

  beforeAll(async () => {
    emulators = await startEmulatorWorker(workerEntry, { graph: { deviceCodeInterval: 1 } });
    transport = new TransportFactory({ env: {} });
    transport.addCa(emulators.graph.caPem);
    transport.addCa(emulators.pulumi.caPem);
  });
  afterAll(async () => {
    await transport.close();
    await emulators.stop();
  });

  it('sets up a tenant, then the app reads it', async () => {
    const tenant = (await control('GET', '/tenant')) as { tenantId: string };
    expect(tenant.tenantId).toBe(emulators.graph.tenantId);
    const user = (await control('POST', '/users', {
      userPrincipalName: 'erin@contoso.test',
      displayName: 'Erin',
    })) as { id: string };
    const group = (await control('POST', '/groups', { displayName: 'Ops' })) as { id: string };
    await control('POST', `/groups/${group.id}/members`, { memberId: user.id });
    await control('PATCH', `/users/${user.id}`, { displayName: 'Erin R.' });
    const snapshot = (await control('GET', '/tenant')) as {
      users: { displayName: string }[];
      groups: { memberIds: string[] }[];
    };
    expect(snapshot.users.map((u) => u.displayName)).toEqual(['Erin R.']);
    expect(snapshot.groups[0]?.memberIds).toEqual([user.id]);
  });

  it('registers the app, then approves its device-code sign-in over HTTP', async () => {
    const client = (await control('POST', '/clients', { delegatedPermissions: ['User.Read.All'] })) as {
      appId: string;
    };
    const credential = createCredential({
      settings: {
        tenantId: emulators.graph.tenantId,
        clientId: client.appId,
        authMethod: 'device-code',
        authorityHost: emulators.graph.origin,
      },
      secrets: {},
      transport,
      onDeviceCode: (prompt) => void control('POST', `/device-codes/${prompt.userCode}/approve`, {}),
    });
    const token = await credential.getToken(graphScope(emulators.graph.origin));
    expect(token?.token).toMatch(/^ey/);
    const response = await transport.fetch(`${emulators.graph.origin}/v1.0/users`, {
      headers: { authorization: `Bearer ${token?.token}` },
    });
    expect(response.status).toBe(200);
  });

  it('refuses an app registration it does not know, by name', async () => {
    const credential = createCredential({
      settings: {
        tenantId: emulators.graph.tenantId,
        clientId: randomUUID(),
        authMethod: 'device-code',
        authorityHost: emulators.graph.origin,
      },
      secrets: {},
      transport,
      onDeviceCode: () => undefined,
    });
    await expect(credential.getToken(graphScope(emulators.graph.origin))).rejects.toThrow(
      /unauthorized_client/,
    );
  });

  it('revokes tokens and toggles the licence over HTTP', async () => {
    await control('POST', '/tokens/revoke');
    await control('PUT', '/licensed', { licensed: false });
    await control('PUT', '/licensed', { licensed: true });
    await control('POST', '/delta/expire');
    await control('PUT', '/clock-offset', { ms: 0 });
    const bad = await transport.fetch(`${emulators.graph.origin}/_control/users/nope`, {
      method: 'PATCH',
      headers: { 'x-emulator-control': emulators.graph.controlKey },
      body: '{}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'No user nope' });
  });

  it('serves the app’s Graph client from the worker', async () => {
    const graph = new EntraGraph(
      createGraphClient({
        graphUrl: emulators.graph.origin,
        credential: {
          getToken: () => Promise.resolve({ token: 'not-a-token', expiresOnTimestamp: Date.now() + 60_000 }),
        },
        transport,
        clock: systemClock,
        budgetFor: () => undefined,
      }),
    );
    await expect(graph.users([], ['id'])).resolves.toEqual([]);
    await expect(graph.servicePrincipal('x')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('serves the Pulumi SCIM and REST emulator from the same worker', async () => {
    const scim = new PulumiScimClient({
      baseUrl: emulators.pulumi.scimBaseUrl,
      token: emulators.pulumi.scimToken,
      transport,
    });
    expect(await scim.listUsers()).toEqual([]);
    const rest = new PulumiRestClient({
      apiUrl: emulators.pulumi.origin,
      org: 'acme',
      token: emulators.pulumi.accessToken,
      transport,
    });
    expect(await rest.teams()).toEqual([]);
  });
});
