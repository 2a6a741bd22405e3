import type { FindingKind } from '../../../../shared/finding-kinds';
import type { JsonObject } from '../../graph/tenant-types';
import { defaultSchema } from '../../graph/default-schema';
import { setUserFlowType } from '../pulumi-guide-schema';
import {
  addAssignedGroup,
  addAssignedUser,
  attributeMapping,
  liveSchema,
  objectMapping,
  setSecret,
} from '../world-steps';
import type { CatalogRecipe, CatalogWorld } from './catalog-world';

type ConfigKind = Extract<FindingKind, `config.${string}`>;

/** A healthy little population, provisioned once, so each case changes one thing only. */
async function population(world: CatalogWorld): Promise<string> {
  const member = addAssignedUser(world, 'xia@contoso.test');
  addAssignedGroup(world, 'Platform', [member]);
  await world.engine.runCycle();
  return member;
}

function emailAttribute(world: CatalogWorld): JsonObject {
  const directory = (liveSchema(world).directories as JsonObject[])[0] as JsonObject;
  const user = (directory.objects as JsonObject[]).find((o) => o.name === 'User') as JsonObject;
  return (user.attributes as JsonObject[]).find(
    (a) => a.name === 'emails[type eq "work"].value',
  ) as JsonObject;
}

/** One world per step of Pulumi's Entra guide left undone (or done wrong). */
export const configCases: Record<ConfigKind, CatalogRecipe> = {
  'config.tenant_url': async (world) => {
    // The org name mistyped in Tenant URL.
    setSecret(world, 'BaseAddress', `${world.pulumi.origin}/scim/v2/${world.pulumi.org.name}-corp`);
    await population(world);
    return {};
  },
  'config.users_mapping_disabled': async (world) => {
    objectMapping(world, 'users').enabled = false;
    await population(world);
    return {};
  },
  'config.username_source': async (world) => {
    const userName = attributeMapping(world, 'users', 'userName');
    if (userName) userName.source = { expression: '[mail]', name: 'mail', type: 'Attribute', parameters: [] };
    await population(world);
    return {};
  },
  'config.username_not_create_only': async (world) => {
    setUserFlowType(liveSchema(world), 'userName', 'Always');
    await population(world);
    return {};
  },
  'config.extra_user_attributes': async (world) => {
    // The default mappings kept: title, preferredLanguage, externalId, ... which Pulumi refuses.
    const fresh = defaultSchema(world.jobId);
    world.graph.tenant.schemas.set(world.jobId, fresh);
    setUserFlowType(fresh, 'userName', 'ObjectAddOnly');
    await population(world);
    return {};
  },
  'config.email_not_required': async (world) => {
    emailAttribute(world).required = false;
    await population(world);
    return {};
  },
  'config.group_external_id_mapped': async (world) => {
    const groups = objectMapping(world, 'groups');
    groups.attributeMappings = [
      ...(groups.attributeMappings as JsonObject[]),
      {
        source: { expression: '[objectId]', name: 'objectId', type: 'Attribute', parameters: [] },
        targetAttributeName: 'externalId',
        flowType: 'Always',
        matchingPriority: 0,
        defaultValue: null,
        exportMissingReferences: false,
      },
    ];
    await population(world);
    return {};
  },
  'config.scope_all_users': async (world) => {
    setSecret(world, 'SyncAll', 'true');
    await population(world);
    return {};
  },
  'config.user_delete_enabled': async (world) => {
    objectMapping(world, 'users').flowTypes = 'Add, Update, Delete';
    await population(world);
    return {};
  },
  'config.groups_mapping_disabled': async (world) => {
    objectMapping(world, 'groups').enabled = false;
    await population(world);
    return {};
  },
  'config.no_assignments': async (world) => {
    world.graph.tenant.addUser({ userPrincipalName: 'yan@contoso.test', mail: 'yan@contoso.test' });
    await world.engine.runCycle();
    return {};
  },
  'config.saml_not_configured': async (world) => {
    world.pulumi.org.features.samlSsoEnabled = false;
    await population(world);
    return {};
  },
  'config.single_pulumi_admin': async (world) => {
    const { org } = world.pulumi;
    const admins = [...org.memberships.values()].filter((m) => m.role === 'admin');
    for (const membership of admins.slice(1)) membership.role = 'member';
    await population(world);
    return {};
  },
};
