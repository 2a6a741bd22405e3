import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { entraUser, startPulumiWorld, type PulumiWorld } from '../helpers/pulumi';

describe('the Pulumi REST emulator, through the app’s REST client', () => {
  let world: PulumiWorld;
  beforeAll(async () => {
    world = await startPulumiWorld({ restPageSize: 2 });
    const { org } = world.emulator;
    org.addInvitedMember(org.addPersonalAccount({ userName: 'owner', email: 'owner@contoso.test' }), 'admin');
    for (const name of ['ann', 'ben', 'cat'])
      await world.send('POST', '/Users', entraUser(`${name}@contoso.test`, `${name}@contoso.test`));
    const ann = org.accountByUserName('ann@contoso.test');
    org.addTeam({ displayName: 'Console team', kind: 'pulumi' });
    org.addTeam({ displayName: 'GitHub team', kind: 'github' });
    await world.send('POST', '/Groups', { displayName: 'Platform', members: [{ value: ann?.id }] });
  });
  beforeEach(() => world.emulator.faults.reset());
  afterAll(() => world.emulator.close());

  it('lists members across continuation tokens, with roles', async () => {
    const members = await world.rest().members();
    expect(members.map((m) => [m.user.githubLogin, m.role]).sort()).toEqual([
      ['ann@contoso.test', 'member'],
      ['ben@contoso.test', 'member'],
      ['cat@contoso.test', 'member'],
      ['owner', 'admin'],
    ]);
  });

  it('lists teams with their kinds, and one team with members', async () => {
    const teams = await world.rest().teams();
    expect(teams.map((t) => [t.displayName, t.kind]).sort()).toEqual([
      ['Console team', 'pulumi'],
      ['GitHub team', 'github'],
      ['Platform', 'scim'],
    ]);
    const platform = await world.rest().team(teams.find((t) => t.kind === 'scim')?.name ?? '');
    expect(platform.members?.map((m) => m.githubLogin)).toEqual(['ann@contoso.test']);
  });

  it('refuses REST membership edits on SCIM teams', async () => {
    const platform = (await world.rest().teams()).find((t) => t.kind === 'scim');
    const response = await world.transport.fetch(
      `${world.emulator.origin}/api/orgs/acme/teams/${platform?.name}`,
      {
        method: 'PATCH',
        headers: { authorization: `token ${world.emulator.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ memberAction: 'add', member: 'ben@contoso.test' }),
      },
    );
    expect(response.status).toBe(400);
  });

  it('reads the org flags, the SAML configuration and its admins', async () => {
    expect((await world.rest().organization()).features).toEqual({ samlSsoEnabled: true, scimEnabled: true });
    expect((await world.rest().saml()).validUntil).toMatch(/^\d{4}-/);
    expect((await world.rest().samlAdmins()).map((a) => a.githubLogin)).toEqual(['owner']);
  });

  it('reads the audit log between two times, across pages', async () => {
    const now = Math.floor(Date.now() / 1000);
    const events = await world.rest().auditLog(now - 3600, now + 60);
    expect(events.filter((e) => e.event === 'member-added')).toHaveLength(3);
    expect(events.find((e) => e.event === 'team-created')).toBeDefined();
    expect(await world.rest().auditLog(now + 3600, now + 7200)).toEqual([]);
  });

  it('says when the access token is refused', async () => {
    await expect(world.rest('wrong').teams()).rejects.toMatchObject({
      code: 'unauthorized',
      hint: expect.stringContaining('SCIMWATCH_PULUMI_ACCESS_TOKEN'),
    });
  });

  it('asks again after every injected fault, and reports one that persists as a clear error', async () => {
    const { faults } = world.emulator;
    for (const [setting, message] of [
      [{ rate503: 1 }, /answered 503/],
      [{ rate429: 1 }, /answered 429/],
      [{ dropRate: 1 }, /Could not reach Pulumi|incomplete or malformed/],
      [{ truncateRate: 1 }, /incomplete or malformed/],
    ] as const) {
      faults.reset();
      faults.update(setting);
      await expect(world.rest().teams(), JSON.stringify(setting)).rejects.toMatchObject({
        code: 'source_error',
        message: expect.stringMatching(message),
      });
      await expect(world.scim().listGroups(), JSON.stringify(setting)).rejects.toMatchObject({
        code: 'source_error',
      });
    }
    // Each read is asked four times before it gives up: two reads per fault, four attempts each.
    expect(faults.injected).toMatchObject({ 503: 8, 429: 8, drop: 8, truncate: 8 });
    // A fault that passes is not an error at all: the second attempt answers.
    faults.reset();
    faults.update({ rate503: 1 });
    setTimeout(() => faults.update({ rate503: 0 }), 100);
    await expect(world.rest().teams()).resolves.toBeDefined();
    faults.reset();
    faults.update({ latencyMs: 250 });
    const started = Date.now();
    await world.rest().teams();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('changes the org through the control API', async () => {
    const control = (method: string, path: string, body: unknown) =>
      world.transport.fetch(`${world.emulator.origin}/_control${path}`, {
        method,
        headers: { 'x-emulator-control': world.emulator.controlKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const regenerated = (await (await control('POST', '/scim-token/regenerate', {})).json()) as {
      token: string;
    };
    expect(regenerated.token).toBe(world.emulator.org.scimToken);
    await control('PUT', '/options', { teamNameLimit: 40 });
    expect(world.emulator.org.options.teamNameLimit).toBe(40);
    const { token } = (await (await control('POST', '/access-tokens', {})).json()) as { token: string };
    expect((await world.rest(token).teams()).length).toBe(3);
    expect((await control('PUT', '/features', { scimEnabled: false })).status).toBe(200);
    expect((await world.rest().organization()).features?.scimEnabled).toBe(false);
    const refused = await world.transport.fetch(`${world.emulator.origin}/_control/org`);
    expect(refused.status).toBe(403);
  });
});
