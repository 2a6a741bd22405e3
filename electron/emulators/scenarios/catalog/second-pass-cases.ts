/**
 * Worlds for the rules of the two services that the first catalog missed: failures of objects gone
 * from Entra, an inactive member blocking a team push, and a failure worded unlike any recorded text.
 * Each failure is produced by the engine from Pulumi's answer, except the reworded one, whose log
 * entry is written as another Entra build might word it.
 */
import { buildLogEntry } from '../../graph/log-entry';
import { causeRecipes } from '../cause-recipes';
import { applyPulumiGuide } from '../pulumi-guide-schema';
import {
  addAssignedGroup,
  addAssignedUser,
  liveSchema,
  logServicePrincipal,
  objectMapping,
  setSecret,
} from '../world-steps';
import type { CatalogRecipe } from './catalog-world';

export const secondPassCases = {
  /**
   * "Sync all users and groups": a group nobody assigned, with a name over Pulumi's limit. Only a
   * directory read of every group sees it.
   */
  unassignedGroupUnderSyncAll: (async (world) => {
    applyPulumiGuide(liveSchema(world));
    setSecret(world, 'SyncAll', 'True');
    const member = world.graph.tenant.addUser({
      userPrincipalName: 'kai@contoso.test',
      mail: 'kai@contoso.test',
    }).id;
    const group = world.graph.tenant.addGroup({
      displayName: `Unassigned ${'platform '.repeat(12)}guild`,
      memberIds: [member],
    });
    await world.engine.runCycle();
    return { entraId: group.id };
  }) satisfies CatalogRecipe,

  /** A scoping filter on the user mapping, and an assigned user no cycle has reached yet. */
  scopingFilterPresent: (async (world) => {
    applyPulumiGuide(liveSchema(world));
    objectMapping(world, 'users').scope = {
      '@odata.type': '#microsoft.graph.filter',
      categoryFilterGroups: [],
      groups: [
        {
          clauses: [
            { sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['R&D'] } },
          ],
        },
      ],
      inputFilterGroups: [],
    };
    await world.engine.runCycle();
    return { entraId: addAssignedUser(world, 'lea@contoso.test') };
  }) satisfies CatalogRecipe,

  /** Deleted in Entra with deletes on: Pulumi answers 405, and someone deactivated the account by hand. */
  deletedUserDeleteRefused: (async (world) => {
    objectMapping(world, 'users').flowTypes = 'Add, Update, Delete';
    const entraId = await causeRecipes.user_delete_unsupported(world);
    const scimId = world.engine.memory.links.get(entraId) ?? '';
    const membership = world.pulumi.org.memberships.get(scimId);
    if (membership) membership.active = false;
    return { entraId, scimId };
  }) satisfies CatalogRecipe,

  /** A group deleted in Entra whose team delete met a 429: the team is still there. */
  deletedGroupThrottled: (async (world) => {
    applyPulumiGuide(liveSchema(world));
    const entraId = addAssignedGroup(world, 'Research');
    await world.engine.runCycle();
    world.graph.tenant.deleteGroup(entraId);
    world.pulumi.faults.update({ rate429: 1 });
    await world.engine.runCycle();
    world.pulumi.faults.update({ rate429: 0 });
    return { entraId };
  }) satisfies CatalogRecipe,

  /** A user disabled in Entra after Pulumi's SCIM token was regenerated: the disable gets a 401. */
  disabledUserUnauthorized: (async (world) => {
    applyPulumiGuide(liveSchema(world));
    const entraId = addAssignedUser(world, 'gil@contoso.test');
    await world.engine.runCycle();
    world.pulumi.org.regenerateScimToken();
    world.graph.tenant.updateUser(entraId, { accountEnabled: false });
    await world.engine.runCycle();
    return { entraId };
  }) satisfies CatalogRecipe,

  /**
   * A member disabled in Entra (so inactive in Pulumi) who is still in an assigned group: Entra pushes
   * her with the group, and Pulumi refuses the whole membership change.
   */
  inactiveTeamMember: (async (world) => ({
    entraId: await causeRecipes.invalid_team_members(world),
  })) satisfies CatalogRecipe,

  /**
   * A user with no mail whose create failed with a 400 worded unlike anything recorded: no "required
   * attribute" text, the status quoted as a number, an unfamiliar error code.
   */
  missingMailReworded: (async (world) => {
    applyPulumiGuide(liveSchema(world));
    const entraId = addAssignedUser(world, 'jo@contoso.test', { mail: null });
    // The job runs (and logs its own wording of the failure); a later attempt is worded otherwise.
    await world.engine.runCycle();
    const { tenant } = world.graph;
    tenant.log.add(
      buildLogEntry({
        tenantId: tenant.tenantId,
        jobId: world.jobId,
        servicePrincipal: logServicePrincipal(world),
        activityDateTime: new Date(world.now()).toISOString(),
        cycleId: 'reworded',
        action: 'create',
        status: 'failure',
        identityType: 'User',
        source: { id: entraId, displayName: 'jo' },
        target: { id: '', displayName: '' },
        error: {
          errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
          reason:
            'StatusCode: 400 Message: The target rejected the request. Web Response: {"status":400,"detail":"Request could not be processed."}',
        },
      }),
    );
    return { entraId };
  }) satisfies CatalogRecipe,
};
