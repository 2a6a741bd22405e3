import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DeltaTokenExpired } from '../../electron/core/entra/graph-errors';
import type { EmulatedGroup, EmulatedUser } from '../../electron/emulators/graph/tenant-types';
import { startGraphWorld, type GraphWorld } from '../helpers/graph';
import { makeTempDir } from '../helpers/temp-dir';

describe('each Graph endpoint, through the app’s typed calls', () => {
  const dir = makeTempDir();
  let world: GraphWorld;
  let alice: EmulatedUser;
  let bob: EmulatedUser;
  let guest: EmulatedUser;
  let engineering: EmulatedGroup;
  let nested: EmulatedGroup;

  beforeAll(async () => {
    world = await startGraphWorld(dir.path, { graph: { directoryTopDefault: 2 } });
    const { tenant } = world.emulator;
    alice = tenant.addUser({
      userPrincipalName: 'alice@contoso.test',
      displayName: 'Alice',
      mail: 'alice@contoso.test',
      givenName: 'Alice',
      surname: 'Doe',
    });
    bob = tenant.addUser({
      userPrincipalName: 'bob@contoso.test',
      displayName: 'Bob',
      mail: null,
      accountEnabled: false,
    });
    guest = tenant.addUser({
      userPrincipalName: 'carol_fabrikam.test#EXT#@contoso.onmicrosoft.com',
      displayName: 'Carol',
    });
    nested = tenant.addGroup({ displayName: 'Nested', memberIds: [guest.id] });
    engineering = tenant.addGroup({ displayName: 'Engineering', memberIds: [alice.id, bob.id, nested.id] });
    tenant.assign(world.servicePrincipalId, engineering.id);
    tenant.assign(world.servicePrincipalId, alice.id);
    tenant.assign(world.servicePrincipalId, guest.id);
  });
  afterAll(async () => {
    await world.emulator.close();
    dir.remove();
  });

  it('finds the provisioning app by object id and by appId', async () => {
    const graph = world.graph();
    expect(await graph.servicePrincipal(world.servicePrincipalId)).toMatchObject({
      appId: world.provisioningAppId,
      preferredSingleSignOnMode: 'saml',
    });
    expect((await graph.servicePrincipalByAppId(world.provisioningAppId))?.id).toBe(world.servicePrincipalId);
    expect(await graph.servicePrincipalByAppId('00000000-0000-0000-0000-000000000001')).toBeNull();
  });

  it('reads jobs, the job, its schema and the secrets (the token masked)', async () => {
    const graph = world.graph();
    const [job] = await graph.jobs(world.servicePrincipalId);
    expect(job).toMatchObject({ id: world.jobId, templateId: 'scim', schedule: { interval: 'PT40M' } });
    expect((await graph.job(world.servicePrincipalId, world.jobId)).status.code).toBe('NotRun');
    const schema = await graph.schema(world.servicePrincipalId, world.jobId);
    const rule = (
      schema.synchronizationRules as {
        id: string;
        objectMappings: {
          name: string;
          attributeMappings: { targetAttributeName: string; matchingPriority: number }[];
        }[];
      }[]
    )[0];
    expect(rule?.objectMappings.map((m) => m.name)).toEqual([
      'Provision Microsoft Entra ID Users',
      'Provision Microsoft Entra ID Groups',
    ]);
    expect(
      rule?.objectMappings[0]?.attributeMappings.find((a) => a.targetAttributeName === 'userName')
        ?.matchingPriority,
    ).toBe(1);
    const secrets = await graph.secrets(world.servicePrincipalId);
    expect(secrets).toEqual(
      expect.arrayContaining([
        { key: 'BaseAddress', value: 'https://api.pulumi.com/scim/v2/acme' },
        { key: 'SecretToken', value: '*' },
        { key: 'SyncAll', value: 'false' },
      ]),
    );
  });

  it('starts, pauses and restarts the job; validates credentials', async () => {
    const graph = world.graph();
    const job = () =>
      world.emulator.tenant.job(world.servicePrincipalId, world.jobId) as {
        status: { code: string; quarantine: unknown };
      };
    await graph.pauseJob(world.servicePrincipalId, world.jobId);
    expect(job().status.code).toBe('Paused');
    job().status.quarantine = { reason: 'EncounteredQuarantineException' };
    await graph.restartJob(world.servicePrincipalId, world.jobId, ['QuarantineState', 'Escrows']);
    expect(job().status).toMatchObject({ code: 'Active', quarantine: null });
    await graph.startJob(world.servicePrincipalId, world.jobId);
    expect(await graph.validateCredentials(world.servicePrincipalId, world.jobId)).toBe(true);
    await expect(
      graph.restartJob(world.servicePrincipalId, world.jobId, ['Everything' as never]),
    ).rejects.toMatchObject({ code: 'source_error' });
  });

  it('provisions on demand with the rule id from the schema, and refuses groups of more than 5 members', async () => {
    const graph = world.graph();
    const schema = await graph.schema(world.servicePrincipalId, world.jobId);
    const ruleId = (schema.synchronizationRules as { id: string }[])[0]?.id ?? '';
    const result = await graph.provisionOnDemand(world.servicePrincipalId, world.jobId, ruleId, {
      objectId: alice.id,
      objectTypeName: 'User',
    });
    expect(result.key).toMatchObject({ result: expect.any(String) });
    await expect(
      graph.provisionOnDemand(world.servicePrincipalId, world.jobId, ruleId, {
        objectId: engineering.id,
        objectTypeName: 'Group',
        memberIds: ['1', '2', '3', '4', '5', '6'],
      }),
    ).rejects.toThrow(/At most 5 group members/);
    await expect(
      graph.provisionOnDemand(world.servicePrincipalId, world.jobId, 'no-such-rule', {
        objectId: alice.id,
        objectTypeName: 'User',
      }),
    ).rejects.toThrow(/ruleId/);
  });

  it('lists assignments across pages (no delta exists for them)', async () => {
    const assignments = await world.graph().assignments(world.servicePrincipalId);
    expect(assignments.map((a) => a.principalId).sort()).toEqual([alice.id, engineering.id, guest.id].sort());
    expect(assignments.find((a) => a.principalId === engineering.id)?.principalType).toBe('Group');
  });

  it('lists direct and transitive members with @odata.type', async () => {
    const graph = world.graph();
    const direct = await graph.groupMembers(engineering.id, ['id', 'userPrincipalName']);
    expect(direct.map((m) => [m['@odata.type'], m.id])).toEqual([
      ['#microsoft.graph.user', alice.id],
      ['#microsoft.graph.user', bob.id],
      ['#microsoft.graph.group', nested.id],
    ]);
    const transitive = await graph.transitiveMembers(engineering.id, ['id']);
    expect(transitive.map((m) => m.id)).toContain(guest.id);
  });

  it('reads users by id with $select, including accountEnabled and the guest #EXT# UPN', async () => {
    const users = await world
      .graph()
      .users([alice.id, bob.id, guest.id], ['id', 'userPrincipalName', 'accountEnabled', 'mail']);
    expect(users.find((u) => u.id === bob.id)).toEqual({
      id: bob.id,
      userPrincipalName: 'bob@contoso.test',
      accountEnabled: false,
      mail: null,
    });
    expect(users.find((u) => u.id === guest.id)?.userPrincipalName).toContain('#EXT#');
  });

  it('follows users/delta and groups/delta incrementally, and answers an expired token with 410', async () => {
    const graph = world.graph();
    const { tenant } = world.emulator;
    const first = await graph.usersDelta(null, ['id', 'displayName', 'accountEnabled']);
    expect(first.items).toHaveLength(tenant.users.size);
    const groups = await graph.groupsDelta(null, [engineering.id], ['displayName', 'members']);
    expect(groups.items).toHaveLength(1);
    expect((groups.items[0]?.['members@delta'] as unknown[]).length).toBe(3);

    tenant.updateUser(bob.id, { accountEnabled: true });
    tenant.removeMember(engineering.id, alice.id);
    const dave = tenant.addUser({ userPrincipalName: 'dave@contoso.test' });
    tenant.addMember(engineering.id, dave.id);

    const next = await graph.usersDelta(first.deltaLink, []);
    expect(next.items.map((u) => u.id).sort()).toEqual([bob.id, dave.id].sort());
    const nextGroups = await graph.groupsDelta(groups.deltaLink, [], []);
    expect(nextGroups.items[0]?.['members@delta']).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: alice.id, '@removed': { reason: 'deleted' } },
      { '@odata.type': '#microsoft.graph.user', id: dave.id },
    ]);

    tenant.changes.expireAll();
    await expect(graph.usersDelta(next.deltaLink, [])).rejects.toBeInstanceOf(DeltaTokenExpired);
    // Starting over without the link works again.
    expect((await graph.usersDelta(null, ['id'])).items).toHaveLength(tenant.users.size);
  });

  it('batches up to 20 requests, each answered on its own', async () => {
    const graph = world.graph();
    const responses = await graph.batch([
      { id: '1', method: 'GET', url: `/users/${alice.id}` },
      { id: '2', method: 'GET', url: '/users/no-such-user' },
    ]);
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 404],
    ]);
    await expect(
      graph.batch(
        Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: '/users' })),
      ),
    ).rejects.toThrow(RangeError);
  });
});
