import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ProvisioningEntry } from '../../electron/core/entra/graph-types';
import { startEmulatedWorld, type EmulatedWorld } from '../../electron/emulators/emulated-world';
import { seedScale, type ScalePlan } from '../../electron/emulators/scenarios/scale/scale-scenario';
import { syntheticLabel } from '../../electron/emulators/scenarios/scale/synthetic-history';
import { registerScimWatch, scimwatchClients, type WorldClients } from '../helpers/both-sides';

/** The scale scenario at a size a test can afford; the full size is measured by `npm run bench`. */
const small = {
  seed: 11,
  users: 2_000,
  groups: 80,
  memberships: 8_000,
  days: 28,
  logEntries: 60_000,
  driftRate: 0.05,
  failureRate: 0.03,
  endsAt: Date.now(),
};

/** Reading 60k entries at Graph's real 5 requests / 10 s would take minutes; pacing is tested elsewhere. */
const generousBudget = { reportsBudget: { count: 1_000, windowMs: 1_000 } };

async function readAll(clients: WorldClients, world: EmulatedWorld, query: Record<string, unknown>) {
  const entries: ProvisioningEntry[] = [];
  for await (const page of clients.graph.provisioningEvents({
    servicePrincipalId: world.servicePrincipalId,
    top: 1000,
    ...query,
  }))
    entries.push(...page);
  return entries;
}

describe('the scale scenario', () => {
  let world: EmulatedWorld;
  let plan: ScalePlan;
  let clients: WorldClients;
  beforeAll(async () => {
    world = await startEmulatedWorld({ graph: generousBudget });
    plan = seedScale(world, small);
    clients = scimwatchClients(world, registerScimWatch(world));
  });
  afterAll(() => world.close());

  it('holds the provisioned side with the seeded drift, and is reproducible', async () => {
    expect(plan.usersInScope).toBe(2_000);
    const { drifted } = plan;
    expect(plan.provisionedUsers).toBe(plan.usersInScope - drifted.missingUsers);
    for (const count of Object.values(drifted)) expect(count).toBeGreaterThan(0);
    const scimUsers = await clients.scim.listUsers();
    expect(scimUsers).toHaveLength(plan.provisionedUsers);
    expect(scimUsers.filter((u) => !u.active)).toHaveLength(drifted.inactiveUsers);
    expect((await clients.scim.listGroups()).length).toBe(80);

    const again = await startEmulatedWorld({ graph: generousBudget });
    try {
      const replay = seedScale(again, small);
      expect(replay.drifted).toEqual(drifted);
      // Same seed, same history (the tenant and app ids of a new world differ, so compare the rest).
      const essentials = (entry: Record<string, unknown>) => {
        const { id, activityDateTime, provisioningAction, provisioningStatusInfo, sourceIdentity } = entry;
        return { id, activityDateTime, provisioningAction, provisioningStatusInfo, sourceIdentity };
      };
      for (const index of [0, 12_345, 59_999])
        expect(essentials(replay.history.entry(index))).toEqual(essentials(plan.history.entry(index)));
    } finally {
      await again.close();
    }
  });

  it('serves its synthetic history through the real Graph client, labelled, in order, filtered', async () => {
    const middle = plan.history.entry(40_000).activityDateTime as string;
    const entries = await readAll(clients, world, { after: middle });
    expect(entries).toHaveLength(60_000 - 40_001);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.every((e) => e[syntheticLabel] === true)).toBe(true);
    const times = entries.map((e) => Date.parse(e.activityDateTime));
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);

    const failures = await readAll(clients, world, { status: 'failure', after: middle });
    expect(failures.length).toBe(entries.filter((e) => e.provisioningStatusInfo.status === 'failure').length);
    expect(failures.length).toBeGreaterThan(300);
    for (const failure of failures.slice(0, 50)) {
      expect(failure.provisioningStatusInfo.errorInformation?.reason).toMatch(
        /StatusCode: .* Web Response: /,
      );
    }

    const newestFirst = [];
    for await (const page of clients.graph.provisioningEvents({
      servicePrincipalId: world.servicePrincipalId,
      order: 'desc',
      top: 700,
      after: middle,
    })) {
      newestFirst.push(...page);
      if (newestFirst.length >= 2_000) break;
    }
    expect(newestFirst.slice(0, 2_000).map((e) => e.id)).toEqual(
      [...entries]
        .reverse()
        .slice(0, 2_000)
        .map((e) => e.id),
    );
  });

  it('runs live cycles on top: incremental, derived from real responses, after the history', async () => {
    const [someone] = world.graph.tenant.users.values();
    if (!someone) throw new Error('no users');
    world.graph.tenant.updateUser(someone.id, { displayName: 'Person Renamed' });
    const cycle = await world.engine.runCycle();
    expect(cycle.exported).toBe(1);
    const live = await readAll(clients, world, { after: new Date(Date.now() - 60_000).toISOString() });
    const mine = live.filter((e) => e.sourceIdentity.id === someone.id && !e[syntheticLabel]);
    expect(mine.at(-1)?.provisioningStatusInfo.status).toBe('success');
    const scimUser = await clients.scim.getUser(world.engine.memory.links.get(someone.id) ?? '');
    expect(scimUser.displayName).toBe('Person Renamed');
  });
});
