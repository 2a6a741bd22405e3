import type { FindingKind } from '../../../../shared/finding-kinds';
import { addAssignedUser } from '../world-steps';
import type { CatalogRecipe } from './catalog-world';

type ConnectionKind = Extract<FindingKind, `connection.${string}`>;

/** The permission whose absence the graph_permission_missing case shows: the provisioning logs'. */
export const withheldPermission = 'AuditLog.Read.All';

/** One world per connection finding. */
export const connectionCases: Record<ConnectionKind, CatalogRecipe> = {
  'connection.pulumi_unauthorized': async (world) => {
    const entraId = addAssignedUser(world, 'zoe@contoso.test');
    await world.engine.runCycle();
    // Someone regenerated the token in Pulumi and did not paste it into Entra's Secret Token.
    world.pulumi.org.regenerateScimToken();
    world.graph.tenant.updateUser(entraId, { displayName: 'Zoe Z.' });
    await world.engine.runCycle();
    return { entraId };
  },
  'connection.graph_permission_missing': async (world) => {
    addAssignedUser(world, 'abe@contoso.test');
    await world.engine.runCycle();
    // Admin consent for one permission was never granted to ScimWatch's app registration(s).
    for (const client of world.graph.tenant.clients.values())
      client.applicationPermissions = client.applicationPermissions.filter((p) => p !== withheldPermission);
    return {};
  },
  'connection.license_missing': async (world) => {
    addAssignedUser(world, 'bea@contoso.test');
    await world.engine.runCycle();
    // Without Entra ID P1/P2 the logs answer "non-premium tenant" even with the right permissions.
    world.graph.tenant.licensed = false;
    return {};
  },
};
