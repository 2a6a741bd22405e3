import type { FindingKind } from '../../../../shared/finding-kinds';
import { addAssignedGroup, addAssignedUser, scimIdOf } from '../world-steps';
import type { CatalogRecipe, CatalogWorld } from './catalog-world';

type TeamKind = Extract<FindingKind, `team.${string}`>;

/** An assigned group with two assigned members, provisioned by one cycle. */
async function provisionedTeam(world: CatalogWorld, name: string) {
  const members = [addAssignedUser(world, 'hal@contoso.test'), addAssignedUser(world, 'ida@contoso.test')];
  const entraId = addAssignedGroup(world, name, members);
  await world.engine.runCycle();
  return { entraId, scimId: scimIdOf(world, entraId), members };
}

/** One world per team finding. */
export const teamCases: Record<TeamKind, CatalogRecipe> = {
  'team.missing_in_pulumi': async (world) => {
    await world.engine.runCycle();
    return { entraId: addAssignedGroup(world, 'Observability') };
  },
  'team.not_deprovisioned': async (world) => {
    const team = await provisionedTeam(world, 'Legacy Billing');
    // Out of scope: the next cycle would delete the team; until then Pulumi still holds it.
    world.graph.tenant.unassign(team.entraId);
    return { entraId: team.entraId, scimId: team.scimId };
  },
  'team.name_mismatch': async (world) => {
    const team = await provisionedTeam(world, 'Payments');
    world.graph.tenant.updateGroup(team.entraId, { displayName: 'Payments Platform' });
    return { entraId: team.entraId, scimId: team.scimId };
  },
  'team.member_missing': async (world) => {
    const team = await provisionedTeam(world, 'Search');
    world.graph.tenant.addMember(team.entraId, addAssignedUser(world, 'jun@contoso.test'));
    const late = addAssignedUser(world, 'kai@contoso.test');
    await world.engine.runCycle();
    // Joined the group after that cycle: provisioned as a user, not yet pushed as a member.
    world.graph.tenant.addMember(team.entraId, late);
    return { entraId: team.entraId, scimId: team.scimId };
  },
  'team.member_extra': async (world) => {
    const team = await provisionedTeam(world, 'Mobile');
    world.graph.tenant.removeMember(team.entraId, team.members[1] ?? '');
    return { entraId: team.entraId, scimId: team.scimId };
  },
  'team.name_too_long': async (world) => {
    const name = `Developer Productivity ${'and Platform Enablement '.repeat(4)}Guild`;
    const entraId = addAssignedGroup(world, name, [addAssignedUser(world, 'lea@contoso.test')]);
    await world.engine.runCycle();
    return { entraId };
  },
  'team.member_not_provisioned': async (world) => {
    world.pulumi.org.addPersonalAccount({ userName: 'mo-personal', email: 'mo@contoso.test' });
    const blocked = addAssignedUser(world, 'mo@contoso.test');
    const entraId = addAssignedGroup(world, 'Security', [
      addAssignedUser(world, 'nia@contoso.test'),
      blocked,
    ]);
    await world.engine.runCycle();
    return { entraId };
  },
  'team.nested_members_ignored': async (world) => {
    const contractors = world.graph.tenant.addGroup({
      displayName: 'Contractors',
      memberIds: [
        world.graph.tenant.addUser({ userPrincipalName: 'oli@contoso.test', mail: 'oli@contoso.test' }).id,
      ],
    });
    const entraId = addAssignedGroup(world, 'Infrastructure', [
      addAssignedUser(world, 'pia@contoso.test'),
      contractors.id,
    ]);
    await world.engine.runCycle();
    return { entraId, scimId: scimIdOf(world, entraId) };
  },
  'team.name_collision': async (world) => {
    world.pulumi.org.addTeam({ displayName: 'Release Managers', kind: 'pulumi' });
    const entraId = addAssignedGroup(world, 'Release Managers', [
      addAssignedUser(world, 'quin@contoso.test'),
    ]);
    await world.engine.runCycle();
    return { entraId, scimId: scimIdOf(world, entraId) };
  },
};
