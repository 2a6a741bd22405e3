import type { FindingKind } from '../../../../shared/finding-kinds';
import { causeRecipes } from '../cause-recipes';
import { addAssignedUser, scimIdOf } from '../world-steps';
import type { CatalogRecipe } from './catalog-world';

type UserKind = Extract<FindingKind, `user.${string}`>;

/** One world per user finding: Entra intends one thing, Pulumi holds another. */
export const userCases: Record<UserKind, CatalogRecipe> = {
  'user.missing_in_pulumi': async (world) => {
    await world.engine.runCycle();
    // Assigned after the last cycle: Entra intends her in Pulumi, Pulumi has never heard of her.
    return { entraId: addAssignedUser(world, 'amara@contoso.test') };
  },
  'user.not_deprovisioned': async (world) => {
    const entraId = addAssignedUser(world, 'bo@contoso.test');
    await world.engine.runCycle();
    world.graph.tenant.updateUser(entraId, { accountEnabled: false });
    return { entraId, scimId: scimIdOf(world, entraId) };
  },
  'user.inactive_in_pulumi': async (world) => {
    const entraId = addAssignedUser(world, 'cleo@contoso.test');
    await world.engine.runCycle();
    const scimId = scimIdOf(world, entraId);
    const membership = world.pulumi.org.memberships.get(scimId);
    if (!membership) throw new Error('Pulumi holds no membership for the provisioned user');
    // Someone deactivated her through another SCIM client while Entra still has her enabled.
    membership.active = false;
    return { entraId, scimId };
  },
  'user.attribute_mismatch': async (world) => {
    const entraId = addAssignedUser(world, 'dara@contoso.test', { displayName: 'Dara Quinn' });
    await world.engine.runCycle();
    world.graph.tenant.updateUser(entraId, { displayName: 'Dara Quinn-Okafor' });
    return { entraId, scimId: scimIdOf(world, entraId) };
  },
  'user.username_diverged': async (world) => {
    const entraId = addAssignedUser(world, 'emil@contoso.test');
    await world.engine.runCycle();
    // userName applies only on creation (the guide), so the new UPN never reaches Pulumi.
    world.graph.tenant.updateUser(entraId, { userPrincipalName: 'emil.berg@contoso.test' });
    await world.engine.runCycle();
    return { entraId, scimId: scimIdOf(world, entraId) };
  },
  'user.unmatched_in_pulumi': async (world) => {
    await world.engine.runCycle();
    const account = world.pulumi.org.addPersonalAccount({
      userName: 'old.contractor@elsewhere.test',
      email: 'old.contractor@elsewhere.test',
      orgManaged: true,
    });
    // Provisioned by a SCIM client long gone (another tenant, a script): SCIM lists it, Entra knows no one.
    world.pulumi.org.memberships.set(account.id, {
      accountId: account.id,
      active: true,
      role: 'member',
      created: new Date(world.now()).toISOString(),
      scim: true,
    });
    return { scimId: account.id };
  },
  'user.missing_email': async (world) => {
    const entraId = addAssignedUser(world, 'fen@contoso.test', { mail: null });
    await world.engine.runCycle();
    return { entraId };
  },
  'user.duplicate_email': async (world) => {
    addAssignedUser(world, 'gia@contoso.test', { mail: 'team-inbox@contoso.test' });
    const entraId = addAssignedUser(world, 'gia.admin@contoso.test', { mail: 'team-inbox@contoso.test' });
    await world.engine.runCycle();
    return { entraId };
  },
  'user.email_in_use': async (world) => ({ entraId: await causeRecipes.email_in_use(world) }),
};
