import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PulumiScimClient } from '../../electron/core/pulumi/scim-client';
import { PulumiScimError } from '../../electron/core/pulumi/pulumi-errors';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import { entraUser, startPulumiWorld, type PulumiWorld } from '../helpers/pulumi';

const patch = (...Operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations,
});

describe('the Pulumi SCIM emulator, through the app’s SCIM client', () => {
  let world: PulumiWorld;
  beforeAll(async () => {
    world = await startPulumiWorld({ orgOptions: { teamNameLimit: 30 } });
    // Accounts that already exist in Pulumi outside this org: their email and userName are taken.
    world.emulator.org.addPersonalAccount({ userName: 'dana', email: 'dana@contoso.test' });
    for (let i = 0; i < 250; i++) {
      const { status } = await world.send(
        'POST',
        '/Users',
        entraUser(`user${i}@contoso.test`, `user${i}@contoso.test`),
      );
      expect(status).toBe(201);
    }
  });
  afterAll(() => world.emulator.close());

  it('lists users by pages of 100, with concurrency, including inactive ones', async () => {
    const [first] = await world.scim().listUsers();
    await world.send(
      'PATCH',
      `/Users/${first?.id}`,
      patch({ op: 'Replace', path: 'active', value: 'False' }),
    );
    const users = await world.scim().listUsers();
    expect(users).toHaveLength(250);
    expect(users.find((u) => u.id === first?.id)?.active).toBe(false);
  });

  it('refuses pages over 100 and filters other than userName eq', async () => {
    expect((await world.send('GET', '/Users?count=101')).status).toBe(400);
    const bad = await world.send('GET', `/Users?filter=${encodeURIComponent('emails co "x"')}`);
    expect(bad).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect((await world.scim().findUser('USER7@contoso.test'))?.userName).toBe('user7@contoso.test');
    // Entra's Test Connection: a random userName gives 200 and an empty list.
    expect(await world.scim().findUser('b0a8f7e2-0000-4000-8000-000000000000')).toBeNull();
  });

  it('keeps email and userName unique across all Pulumi accounts', async () => {
    const email = await world.send('POST', '/Users', entraUser('dana.k@contoso.test', 'dana@contoso.test'));
    expect(email).toMatchObject({
      status: 409,
      body: {
        scimType: 'uniqueness',
        detail: 'Email dana@contoso.test already in use by another Pulumi account.',
        status: '409',
      },
    });
    const userName = await world.send('POST', '/Users', entraUser('dana', 'other@contoso.test'));
    expect(userName.body).toMatchObject({ detail: 'User with userName dana already exists.' });
  });

  it('accepts only the six attributes, and userName never changes', async () => {
    const extra = await world.send(
      'POST',
      '/Users',
      entraUser('erin@contoso.test', 'erin@contoso.test', { title: 'Engineer' }),
    );
    expect(extra).toMatchObject({
      status: 400,
      body: { scimType: 'invalidPath', detail: 'Unknown path: title.' },
    });
    const created = await world.send('POST', '/Users', entraUser('erin@contoso.test', 'erin@contoso.test'));
    const id = String(created.body?.id);
    const rename = await world.send(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'Replace', path: 'userName', value: 'erin.new@contoso.test' }),
    );
    expect(rename).toMatchObject({
      status: 400,
      body: { scimType: 'immutability', detail: "Attribute 'userName' is immutable." },
    });
    const formatted = await world.send(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'Add', path: 'name.formatted', value: 'Erin X' }),
    );
    expect(formatted.body).toMatchObject({ detail: 'Unknown path: name.formatted.' });
    // Entra's default shapes: capitalised ops, "True"/"False" strings; and the path-less replace.
    await world.send(
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'erin2@contoso.test' },
        { op: 'Replace', path: 'name.familyName', value: 'Doe' },
      ),
    );
    await world.send(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', value: { displayName: 'Erin Doe', active: false } }),
    );
    expect(await world.scim().getUser(id)).toMatchObject({
      displayName: 'Erin Doe',
      active: false,
      emails: [{ value: 'erin2@contoso.test' }],
      name: { familyName: 'Doe' },
    });
    // A PATCH that fails changes nothing.
    await world.send(
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'Replace', path: 'displayName', value: 'Changed' },
        { op: 'Replace', path: 'title', value: 'x' },
      ),
    );
    expect((await world.scim().getUser(id)).displayName).toBe('Erin Doe');
  });

  it('has no user delete', async () => {
    const [user] = await world.scim().listUsers();
    expect((await world.send('DELETE', `/Users/${user?.id}`)).status).toBe(404);
    expect((await world.scim().getUser(user?.id ?? '')).id).toBe(user?.id);
  });

  it('validates group members all or nothing, and the configured team-name limit', async () => {
    const users = await world.scim().listUsers();
    const active = users
      .filter((u) => u.active)
      .slice(0, 2)
      .map((u) => u.id);
    const inactive = users.find((u) => !u.active)?.id ?? '';
    const long = await world.send('POST', '/Groups', { displayName: 'x'.repeat(35) });
    expect(long.body).toMatchObject({
      scimType: 'invalidValue',
      detail: 'Display name is too long. It must be 30 characters or less',
    });
    const group = await world.send('POST', '/Groups', { displayName: 'Platform', externalId: 'ignored' });
    expect(group.status).toBe(201);
    const id = String(group.body?.id);
    const add = await world.send(
      'PATCH',
      `/Groups/${id}`,
      patch({
        op: 'Add',
        path: 'members',
        value: [{ value: active[0] }, { value: inactive }, { value: 'nobody' }],
      }),
    );
    expect(add.body).toMatchObject({
      detail: `Cannot add invalid members to team. Invalid member ids: ${inactive},nobody`,
    });
    expect((await world.scim().getGroup(id)).members).toEqual([]);
    expect(
      (
        await world.send(
          'PATCH',
          `/Groups/${id}`,
          patch({ op: 'Add', path: 'members', value: active.map((value) => ({ value })) }),
        )
      ).status,
    ).toBe(204);
    await world.send(
      'PATCH',
      `/Groups/${id}`,
      patch(
        { op: 'Remove', path: 'members', value: [{ value: active[0] }] },
        { op: 'Replace', path: 'displayName', value: 'Platform Team' },
      ),
    );
    expect(await world.scim().getGroup(id)).toMatchObject({
      displayName: 'Platform Team',
      members: [{ value: active[1] }],
    });
  });

  it('finds console teams of the same name, and deletes any team', async () => {
    const consoleTeam = world.emulator.org.addTeam({ displayName: 'Security', kind: 'pulumi' });
    const found = await world.scim().findGroups('Security');
    expect(found.map((g) => g.id)).toEqual([consoleTeam.id]);
    expect(found[0]?.members).toBeUndefined();
    expect((await world.scim().listGroups()).length).toBeGreaterThanOrEqual(2);
    expect((await world.send('DELETE', `/Groups/${consoleTeam.id}`)).status).toBe(204);
    expect(world.emulator.org.teams.has(consoleTeam.id)).toBe(false);
  });

  it('refuses a wrong or regenerated token, records each refusal, and the client says what to do', async () => {
    const before = world.emulator.org.auditLog.filter(
      (e) => e.event === 'auth-failure-scim-access-token',
    ).length;
    const stale = world.emulator.org.scimToken;
    world.emulator.org.regenerateScimToken();
    const error = await world
      .scim(stale)
      .listUsers()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PulumiScimError);
    expect(error).toMatchObject({
      code: 'unauthorized',
      status: 401,
      hint: expect.stringContaining('regenerated'),
    });
    expect((await world.send('GET', '/Users', undefined, 'wrong')).status).toBe(401);
    const after = world.emulator.org.auditLog.filter(
      (e) => e.event === 'auth-failure-scim-access-token',
    ).length;
    expect(after - before).toBe(2);
    expect((await world.scim().listUsers()).length).toBeGreaterThan(0);
  });

  it('parses error bodies whose status is a number, as older Pulumi docs show', async () => {
    world.emulator.org.options.statusAsString = false;
    try {
      const error = await world
        .scim()
        .getUser('missing')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 404, detail: 'User missing not found.' });
    } finally {
      world.emulator.org.options.statusAsString = true;
    }
  });

  it('refuses to send the token over plain HTTP to a host that is not loopback', () => {
    expect(
      () =>
        new PulumiScimClient({
          baseUrl: 'http://api.pulumi.example/scim/v2/acme',
          token: 't',
          transport: new TransportFactory({ env: {} }),
        }),
    ).toThrow(/plain HTTP/);
  });
});
