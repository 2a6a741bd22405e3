import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { graphScope } from '../../electron/core/entra/credential-factory';
import { graphPermissions } from '../../shared/graph-permissions';
import { startGraphWorld, type GraphWorld } from '../helpers/graph';
import { makeTempDir } from '../helpers/temp-dir';

describe('Graph permissions and token validity', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let world: GraphWorld | undefined;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(async () => {
    await world?.emulator.close();
    world = undefined;
    dir.remove();
  });

  it('answers a missing permission with 403, and the app names what to grant from the shared table', async () => {
    world = await startGraphWorld(dir.path, {}, ['Synchronization.Read.All', 'Application.Read.All']);
    const graph = world.graph();
    const failure = await graph
      .provisioningEvents({ servicePrincipalId: world.servicePrincipalId })
      .next()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Insufficient privileges'),
      hint: expect.stringContaining('AuditLog.Read.All + Directory.Read.All'),
    });
    expect((failure as { hint: string }).hint).toContain(graphPermissions.provisioningLogs.docUrl);
    // What the app was granted still works.
    expect((await graph.jobs(world.servicePrincipalId)).length).toBe(1);
    await expect(graph.secrets(world.servicePrincipalId)).rejects.toMatchObject({
      hint: expect.stringContaining('Synchronization.ReadWrite.All'),
    });
  });

  it('lets Application.ReadWrite.OwnedBy reach only the apps the caller owns', async () => {
    world = await startGraphWorld(dir.path, {}, ['Application.ReadWrite.OwnedBy']);
    const graph = world.graph();
    expect((await graph.jobs(world.servicePrincipalId)).length).toBe(1);
    const notOwned = world.emulator.tenant.addProvisioningApp({
      displayName: 'Other app',
      baseAddress: 'https://x.test/scim',
      secretToken: 't',
    });
    await expect(graph.jobs(notOwned.servicePrincipal.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('answers an expired token with 401 (clock moved past its lifetime)', async () => {
    world = await startGraphWorld(dir.path);
    const token = await world.credential('secret').getToken(graphScope(world.emulator.origin));
    const call = () =>
      world!.transport.fetch(
        `${world!.emulator.origin}/v1.0/servicePrincipals/${world!.servicePrincipalId}`,
        {
          headers: { authorization: `Bearer ${token?.token}` },
        },
      );
    expect((await call()).status).toBe(200);
    world.emulator.tokens.clockOffsetMs = 2 * 3600_000;
    const expired = await call();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: expect.stringContaining('expired') },
    });
  });

  it('answers a revoked token with 401, which the app reports as a sign-in problem', async () => {
    world = await startGraphWorld(dir.path);
    const graph = world.graph();
    await graph.jobs(world.servicePrincipalId);
    world.emulator.tokens.revokeAll();
    // MSAL still considers its cached token valid, so the same client now gets 401s.
    await expect(graph.jobs(world.servicePrincipalId)).rejects.toMatchObject({ code: 'unauthorized' });
    // A fresh credential gets a new token that works (what the collectors do after a 401).
    expect((await world.graph(world.credential('secret')).jobs(world.servicePrincipalId)).length).toBe(1);
  });

  it('answers requests without a token with 401', async () => {
    world = await startGraphWorld(dir.path);
    const response = await world.transport.fetch(`${world.emulator.origin}/v1.0/users`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });
});
