import type { FailureCause } from '../../../shared/finding-kinds';
import type { EmulatedWorld } from '../emulated-world';
import { applyPulumiGuide, setUserFlowType } from './pulumi-guide-schema';
import { addAssignedUser, liveSchema } from './world-steps';

/** Every cause but `unknown`, which by definition has no recipe. */
export type RecipeCause = Exclude<FailureCause, 'unknown'>;

/**
 * One small world per failure cause: set it up, run cycles, and return the Entra object whose latest
 * log entry shows the cause — produced by the engine from Pulumi's actual answer, never written by hand.
 */
export const causeRecipes: Record<RecipeCause, (world: EmulatedWorld) => Promise<string>> = {
  email_in_use: async (world) => {
    guide(world);
    world.pulumi.org.addPersonalAccount({ userName: 'ana-personal', email: 'ana@contoso.test' });
    return assignedUser(world, 'ana@contoso.test');
  },
  username_taken: async (world) => {
    guide(world);
    world.pulumi.org.addPersonalAccount({ userName: 'ben@contoso.test', email: 'ben.personal@example.test' });
    return assignedUser(world, 'ben@contoso.test');
  },
  username_immutable: async (world) => {
    guide(world);
    setUserFlowType(liveSchema(world), 'userName', 'Always');
    const id = await assignedUser(world, 'cy@contoso.test');
    world.graph.tenant.updateUser(id, { userPrincipalName: 'cy.new@contoso.test' });
    await world.engine.runCycle();
    return id;
  },
  unknown_attribute: async (world) => {
    const id = world.graph.tenant.addUser({
      userPrincipalName: 'dee@contoso.test',
      mail: 'dee@contoso.test',
      jobTitle: 'Engineer',
    }).id;
    world.graph.tenant.assign(world.servicePrincipalId, id);
    await world.engine.runCycle();
    return id;
  },
  invalid_team_members: async (world) => {
    guide(world);
    const { tenant } = world.graph;
    const member = await assignedUser(world, 'eve@contoso.test');
    // The member is disabled (so inactive in Pulumi) before her group is pushed.
    tenant.updateUser(member, { accountEnabled: false });
    await world.engine.runCycle();
    const group = tenant.addGroup({ displayName: 'Operations', memberIds: [member] });
    tenant.assign(world.servicePrincipalId, group.id);
    await world.engine.runCycle();
    return group.id;
  },
  team_name_too_long: async (world) => {
    guide(world);
    const group = world.graph.tenant.addGroup({ displayName: `Platform ${'engineering '.repeat(9)}team` });
    world.graph.tenant.assign(world.servicePrincipalId, group.id);
    await world.engine.runCycle();
    return group.id;
  },
  user_delete_unsupported: async (world) => {
    guide(world);
    const id = await assignedUser(world, 'finn@contoso.test');
    world.graph.tenant.deleteUser(id);
    await world.engine.runCycle();
    return id;
  },
  missing_required_value: async (world) => {
    guide(world);
    const id = world.graph.tenant.addUser({ userPrincipalName: 'gus@contoso.test', mail: null }).id;
    world.graph.tenant.assign(world.servicePrincipalId, id);
    await world.engine.runCycle();
    return id;
  },
  invalid_anchor: async (world) => {
    guide(world);
    const group = world.graph.tenant.addGroup({ displayName: 'Finance' });
    world.graph.tenant.assign(world.servicePrincipalId, group.id);
    await world.engine.runCycle();
    // Someone deletes the team in Pulumi's console; Entra still holds its id.
    world.pulumi.org.teams.clear();
    world.graph.tenant.updateGroup(group.id, { displayName: 'Finance EMEA' });
    await world.engine.runCycle();
    return group.id;
  },
  unauthorized: async (world) => {
    guide(world);
    const id = await assignedUser(world, 'hana@contoso.test');
    world.pulumi.org.regenerateScimToken();
    world.graph.tenant.updateUser(id, { displayName: 'Hana H.' });
    await world.engine.runCycle();
    return id;
  },
  rate_limited: async (world) => {
    guide(world);
    world.pulumi.faults.update({ rate429: 1 });
    return assignedUser(world, 'ivy@contoso.test');
  },
  target_unavailable: async (world) => {
    guide(world);
    world.pulumi.faults.update({ rate503: 1 });
    return assignedUser(world, 'jo@contoso.test');
  },
};

function guide(world: EmulatedWorld): void {
  applyPulumiGuide(liveSchema(world));
}

/** An assigned user, provisioned by one cycle. */
async function assignedUser(world: EmulatedWorld, upn: string): Promise<string> {
  const id = addAssignedUser(world, upn);
  await world.engine.runCycle();
  return id;
}
