import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { createCredential } from '../../electron/core/entra/credential-factory';
import { EntraGraph } from '../../electron/core/entra/graph-api';
import { createGraphClient } from '../../electron/core/entra/graph-client';
import { systemClock } from '../../electron/core/time/clock';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import type { JsonObject } from '../../electron/emulators/graph/tenant-types';
import { startEngineWorld, type EngineWorld } from '../helpers/engine-world';

type Entry = JsonObject & {
  provisioningAction: string;
  sourceIdentity: { id: string; identityType: string };
  provisioningStatusInfo: { status: string; errorInformation: { errorCode: string; reason: string } | null };
};

const entries = (world: EngineWorld) => world.graph.tenant.log.all() as unknown as Entry[];
const latestFor = (world: EngineWorld, id: string) =>
  entries(world)
    .filter((e) => e.sourceIdentity.id === id)
    .at(-1);

describe('the provisioning engine between the emulators', () => {
  let world: EngineWorld;
  afterEach(() => world.close());

  it('provisions assigned users and groups with Entra’s request sequence, and logs what happened', async () => {
    world = await startEngineWorld();
    world.followPulumiGuide();
    const { tenant } = world.graph;
    const alice = tenant.addUser({
      userPrincipalName: 'alice@contoso.test',
      displayName: 'Alice',
      mail: 'alice@contoso.test',
      givenName: 'Alice',
      surname: 'A',
    });
    const bob = tenant.addUser({
      userPrincipalName: 'bob@contoso.test',
      displayName: 'Bob',
      mail: 'bob@contoso.test',
    });
    const guest = tenant.addUser({
      userPrincipalName: 'carol_fabrikam.test#EXT#@contoso.onmicrosoft.com',
      displayName: 'Carol',
      mail: 'carol@fabrikam.test',
    });
    const team = tenant.addGroup({ displayName: 'Platform', memberIds: [alice.id, bob.id] });
    tenant.assign(world.servicePrincipalId, team.id);
    tenant.assign(world.servicePrincipalId, guest.id);

    const first = await world.engine.runCycle();
    expect(first).toMatchObject({ skipped: false, failed: 0 });
    const users = [...world.pulumi.org.accounts.values()].map((a) => a.userName).sort();
    expect(users).toEqual([
      'alice@contoso.test',
      'bob@contoso.test',
      'carol_fabrikam.test@contoso.onmicrosoft.com',
    ]);
    const pulumiTeam = [...world.pulumi.org.teams.values()][0];
    expect(pulumiTeam).toMatchObject({ displayName: 'Platform', kind: 'scim' });
    expect(pulumiTeam?.memberIds).toHaveLength(2);
    expect(latestFor(world, alice.id)).toMatchObject({
      provisioningAction: 'create',
      provisioningStatusInfo: { status: 'success' },
    });

    // Nothing changed: a second cycle writes nothing.
    const logged = entries(world).length;
    await world.engine.runCycle();
    expect(entries(world).length).toBe(logged);

    // A leaver is disabled with active "False"; a display-name change flows as a PATCH.
    tenant.updateUser(bob.id, { accountEnabled: false });
    tenant.updateUser(alice.id, { displayName: 'Alice Smith' });
    await world.engine.runCycle();
    expect(latestFor(world, bob.id)).toMatchObject({
      provisioningAction: 'disable',
      provisioningStatusInfo: { status: 'success' },
    });
    expect(
      [...world.pulumi.org.memberships.values()].find(
        (m) => world.pulumi.org.accounts.get(m.accountId)?.userName === 'bob@contoso.test',
      )?.active,
    ).toBe(false);
    expect(world.pulumi.org.accountByUserName('alice@contoso.test')?.displayName).toBe('Alice Smith');
    expect((tenant.job(world.servicePrincipalId, world.jobId)?.status as JsonObject).code).toBe('Active');
  });

  it('fails a 35-character group against a 30-character team limit with Pulumi’s body in the reason', async () => {
    world = await startEngineWorld({ org: { teamNameLimit: 30 } });
    world.followPulumiGuide();
    const { tenant } = world.graph;
    const group = tenant.addGroup({ displayName: 'Platform Engineering Reliability X' + 'Y' });
    expect(group.displayName).toHaveLength(35);
    tenant.assign(world.servicePrincipalId, group.id);
    await world.engine.runCycle();
    const entry = latestFor(world, group.id);
    expect(entry?.provisioningStatusInfo.status).toBe('failure');
    expect(entry?.provisioningStatusInfo.errorInformation?.errorCode).toBe(
      'SystemForCrossDomainIdentityManagementBadRequest',
    );
    expect(entry?.provisioningStatusInfo.errorInformation?.reason).toContain(
      'Web Response: {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidValue","detail":"Display name is too long. It must be 30 characters or less"}',
    );
    expect(world.engine.memory.escrows.has(group.id)).toBe(true);
  });

  it('reports the default mappings’ extra attributes, an email already in use and a UPN rename, each from Pulumi’s answer', async () => {
    world = await startEngineWorld();
    const { tenant } = world.graph;
    world.pulumi.org.addPersonalAccount({ userName: 'dana-personal', email: 'dana@contoso.test' });
    const extra = tenant.addUser({
      userPrincipalName: 'erin@contoso.test',
      mail: 'erin@contoso.test',
      jobTitle: 'Engineer',
    });
    tenant.assign(world.servicePrincipalId, extra.id);
    await world.engine.runCycle();
    expect(latestFor(world, extra.id)?.provisioningStatusInfo.errorInformation?.reason).toContain(
      '"scimType":"invalidPath","detail":"Unknown path: title."',
    );

    world.followPulumiGuide();
    const dana = tenant.addUser({ userPrincipalName: 'dana@contoso.test', mail: 'dana@contoso.test' });
    tenant.assign(world.servicePrincipalId, dana.id);
    await world.engine.runCycle();
    expect(latestFor(world, dana.id)?.provisioningStatusInfo.errorInformation).toMatchObject({
      errorCode: 'SystemForCrossDomainIdentityManagementConflict',
      reason: expect.stringContaining(
        '"detail":"Email dana@contoso.test already in use by another Pulumi account."',
      ),
    });

    // With userName applied "Always", a UPN change makes Entra push the new userName.
    const schema = tenant.schemas.get(world.jobId) as JsonObject;
    const userMappings = (
      ((schema.synchronizationRules as JsonObject[])[0] as JsonObject).objectMappings as JsonObject[]
    )[0] as JsonObject;
    for (const m of userMappings.attributeMappings as JsonObject[])
      if (m.targetAttributeName === 'userName') m.flowType = 'Always';
    tenant.updateUser(extra.id, { userPrincipalName: 'erin.new@contoso.test' });
    await world.engine.runCycle();
    expect(latestFor(world, extra.id)?.provisioningStatusInfo.errorInformation?.reason).toContain(
      `"scimType":"immutability","detail":"Attribute 'userName' is immutable."`,
    );
  });

  it('quarantines the job after cycles of 401s once the Pulumi token is regenerated', async () => {
    world = await startEngineWorld({ quarantine: { unauthorizedCycles: 2 } });
    world.followPulumiGuide();
    const { tenant } = world.graph;
    const user = tenant.addUser({ userPrincipalName: 'fay@contoso.test', mail: 'fay@contoso.test' });
    tenant.assign(world.servicePrincipalId, user.id);
    await world.engine.runCycle();
    world.pulumi.org.regenerateScimToken();
    tenant.updateUser(user.id, { displayName: 'Fay F.' });
    expect((await world.engine.runCycle()).quarantined).toBe(false);
    expect((await world.engine.runCycle()).quarantined).toBe(true);
    const status = tenant.job(world.servicePrincipalId, world.jobId)?.status as JsonObject;
    expect(status).toMatchObject({
      code: 'Quarantine',
      quarantine: { reason: 'EncounteredQuarantineException' },
    });
    expect(latestFor(world, user.id)?.provisioningStatusInfo.errorInformation?.errorCode).toBe(
      'SystemForCrossDomainIdentityManagementUnauthorized',
    );
    expect((await world.engine.runCycle()).skipped).toBe(true);
  });

  it('runs provisionOnDemand through the same pipeline, called with the app’s own Graph client', async () => {
    world = await startEngineWorld();
    world.followPulumiGuide();
    world.engine.attach();
    const { tenant } = world.graph;
    const gina = tenant.addUser({ userPrincipalName: 'gina@contoso.test', mail: 'gina@contoso.test' });
    const outsider = tenant.addUser({ userPrincipalName: 'hal@contoso.test', mail: 'hal@contoso.test' });
    tenant.assign(world.servicePrincipalId, gina.id);
    const clientId = randomUUID();
    tenant.clients.set(clientId, {
      appId: clientId,
      displayName: 'ScimWatch',
      secrets: ['s3cret-value'],
      certificates: [],
      applicationPermissions: ['Synchronization.ReadWrite.All'],
      delegatedPermissions: [],
      redirectUris: [],
    });
    const transport = new TransportFactory({ env: {} });
    transport.addCa(world.graph.caPem);
    const credential = createCredential({
      settings: {
        tenantId: tenant.tenantId,
        clientId,
        authMethod: 'secret',
        authorityHost: world.graph.origin,
      },
      secrets: { clientSecret: 's3cret-value' },
      transport,
    });
    const graph = new EntraGraph(
      createGraphClient({
        graphUrl: world.graph.origin,
        credential,
        transport,
        clock: systemClock,
        budgetFor: () => undefined,
      }),
    );
    const ruleId = (
      ((tenant.schemas.get(world.jobId) as JsonObject).synchronizationRules as JsonObject[])[0] as JsonObject
    ).id as string;

    const done = await graph.provisionOnDemand(world.servicePrincipalId, world.jobId, ruleId, {
      objectId: gina.id,
      objectTypeName: 'User',
    });
    expect(done.key).toEqual({ result: 'Success', details: {} });
    expect(done.value).toMatchObject({ action: 'Create', statusInfo: { status: 'Success' } });
    expect(world.pulumi.org.accountByUserName('gina@contoso.test')).toBeDefined();
    expect(latestFor(world, gina.id)?.initiatedBy).toMatchObject({ initiatorType: 'user' });

    const again = await graph.provisionOnDemand(world.servicePrincipalId, world.jobId, ruleId, {
      objectId: gina.id,
      objectTypeName: 'User',
    });
    expect(again.key).toMatchObject({ result: 'Skipped', details: { errorCode: 'RedundantExport' } });
    const notAssigned = await graph.provisionOnDemand(world.servicePrincipalId, world.jobId, ruleId, {
      objectId: outsider.id,
      objectTypeName: 'User',
    });
    expect(notAssigned.key).toMatchObject({
      result: 'Skipped',
      details: { errorCode: 'NotEffectivelyEntitled' },
    });
    await transport.close();
  });
});
