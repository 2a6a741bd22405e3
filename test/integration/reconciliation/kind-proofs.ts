/**
 * For every finding kind: the world that shows it (the catalog scenario, changed through the
 * emulators' own APIs), what else that world legitimately shows, the root expected, and what an admin
 * following the guided fix does — after which the finding must resolve.
 */
import type { JsonObject } from '../../../electron/emulators/graph/tenant-types';
import { catalogRecipes, withheldPermission } from '../../../electron/emulators/scenarios/catalog';
import { setUserFlowType } from '../../../electron/emulators/scenarios/pulumi-guide-schema';
import {
  attributeMapping,
  jobStatus,
  liveSchema,
  objectMapping,
  setSecret,
  useHealthySchema,
} from '../../../electron/emulators/scenarios/world-steps';
import {
  correctTenantUrl,
  cycle,
  releaseEmail,
  rename,
  restartJob,
  shareNewScimToken,
  type ProofCase,
} from './proof-steps';
export const kindCases: ProofCase[] = [
  { kind: 'user.missing_in_pulumi', arrange: catalogRecipes['user.missing_in_pulumi'], repair: cycle },
  { kind: 'user.not_deprovisioned', arrange: catalogRecipes['user.not_deprovisioned'], repair: cycle },
  {
    kind: 'user.inactive_in_pulumi',
    arrange: catalogRecipes['user.inactive_in_pulumi'],
    repair: (world, { scimId }) => {
      const membership = world.pulumi.org.memberships.get(scimId ?? '');
      if (membership) membership.active = true;
    },
  },
  { kind: 'user.attribute_mismatch', arrange: catalogRecipes['user.attribute_mismatch'], repair: cycle },
  {
    kind: 'user.username_diverged',
    arrange: catalogRecipes['user.username_diverged'],
    repair: (world, { entraId }) => {
      world.graph.tenant.updateUser(entraId ?? '', { userPrincipalName: 'emil@contoso.test' });
    },
  },
  {
    kind: 'user.unmatched_in_pulumi',
    arrange: catalogRecipes['user.unmatched_in_pulumi'],
    alsoShows: ['config.no_assignments'],
    repair: (world, { scimId }) => {
      world.pulumi.org.memberships.delete(scimId ?? '');
    },
  },
  {
    kind: 'user.missing_email',
    arrange: catalogRecipes['user.missing_email'],
    alsoShows: ['provisioning.failure', 'user.missing_in_pulumi'],
    repair: async (world, { entraId }) => {
      world.graph.tenant.updateUser(entraId ?? '', { mail: 'fen@contoso.test' });
      await cycle(world);
    },
  },
  {
    kind: 'user.duplicate_email',
    arrange: catalogRecipes['user.duplicate_email'],
    alsoShows: ['provisioning.failure', 'user.email_in_use', 'user.missing_in_pulumi'],
    repair: async (world, { entraId }) => {
      world.graph.tenant.updateUser(entraId ?? '', { mail: 'gia.admin@contoso.test' });
      await cycle(world);
    },
  },
  {
    kind: 'user.email_in_use',
    arrange: catalogRecipes['user.email_in_use'],
    alsoShows: ['provisioning.failure', 'user.missing_in_pulumi'],
    repair: async (world) => {
      releaseEmail(world, 'ana@contoso.test');
      await cycle(world);
    },
  },
  { kind: 'team.missing_in_pulumi', arrange: catalogRecipes['team.missing_in_pulumi'], repair: cycle },
  { kind: 'team.not_deprovisioned', arrange: catalogRecipes['team.not_deprovisioned'], repair: cycle },
  { kind: 'team.name_mismatch', arrange: catalogRecipes['team.name_mismatch'], repair: cycle },
  { kind: 'team.member_missing', arrange: catalogRecipes['team.member_missing'], repair: cycle },
  { kind: 'team.member_extra', arrange: catalogRecipes['team.member_extra'], repair: cycle },
  {
    kind: 'team.name_too_long',
    arrange: catalogRecipes['team.name_too_long'],
    alsoShows: ['provisioning.failure', 'team.missing_in_pulumi'],
    repair: rename('Developer Productivity Guild'),
  },
  {
    kind: 'team.member_not_provisioned',
    arrange: catalogRecipes['team.member_not_provisioned'],
    alsoShows: ['provisioning.failure', 'user.email_in_use', 'user.missing_in_pulumi'],
    rootKind: 'user.email_in_use',
    repair: async (world) => {
      releaseEmail(world, 'mo@contoso.test');
      await cycle(world);
    },
  },
  {
    kind: 'team.nested_members_ignored',
    arrange: catalogRecipes['team.nested_members_ignored'],
    repair: (world, { entraId }) => {
      const group = world.graph.tenant.groups.get(entraId ?? '');
      for (const member of [...(group?.memberIds ?? [])])
        if (world.graph.tenant.groups.has(member)) world.graph.tenant.removeMember(entraId ?? '', member);
    },
  },
  {
    kind: 'team.name_collision',
    arrange: catalogRecipes['team.name_collision'],
    // The admin lets Entra own the team: the console-made one is deleted and provisioning restarted.
    repair: async (world, { entraId, scimId }) => {
      world.pulumi.org.teams.delete(scimId ?? '');
      world.engine.memory.links.delete(entraId ?? '');
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'team_name_too_long',
    arrange: catalogRecipes['provisioning.failure'],
    alsoShows: ['team.missing_in_pulumi', 'team.name_too_long'],
    rootKind: 'team.name_too_long',
    repair: rename('Platform Engineering'),
  },
  {
    kind: 'job.quarantined',
    arrange: catalogRecipes['job.quarantined'],
    alsoShows: ['connection.pulumi_unauthorized', 'provisioning.failure', 'user.missing_in_pulumi'],
    rootKind: 'connection.pulumi_unauthorized',
    repair: async (world, _subject, watched) => {
      await shareNewScimToken(world, watched);
      await restartJob(world);
    },
  },
  {
    kind: 'job.not_running',
    arrange: catalogRecipes['job.not_running'],
    repair: async (world) => {
      jobStatus(world).code = 'Active';
      await cycle(world);
    },
  },
  {
    kind: 'job.stalled',
    arrange: catalogRecipes['job.stalled'],
    alsoShows: ['job.near_quarantine', 'provisioning.failure', 'user.missing_in_pulumi'],
    repair: async (world) => {
      world.pulumi.faults.update({ rate503: 0 });
      await cycle(world);
    },
  },
  {
    kind: 'job.near_quarantine',
    arrange: catalogRecipes['job.near_quarantine'],
    alsoShows: ['provisioning.failure', 'user.missing_email', 'user.missing_in_pulumi'],
    repair: async (world) => {
      for (const user of world.graph.tenant.users.values())
        if (!user.mail) world.graph.tenant.updateUser(user.id, { mail: user.userPrincipalName });
      await cycle(world);
    },
  },
  {
    kind: 'config.tenant_url',
    arrange: catalogRecipes['config.tenant_url'],
    alsoShows: ['provisioning.failure', 'team.missing_in_pulumi', 'user.missing_in_pulumi'],
    repair: correctTenantUrl,
  },
  {
    kind: 'config.users_mapping_disabled',
    arrange: catalogRecipes['config.users_mapping_disabled'],
    alsoShows: ['team.member_not_provisioned'],
    repair: async (world) => {
      objectMapping(world, 'users').enabled = true;
      await cycle(world);
    },
  },
  {
    kind: 'config.username_source',
    arrange: catalogRecipes['config.username_source'],
    repair: (world) => {
      const userName = attributeMapping(world, 'users', 'userName');
      if (userName)
        userName.source = {
          expression: '[userPrincipalName]',
          name: 'userPrincipalName',
          type: 'Attribute',
          parameters: [],
        };
    },
  },
  {
    kind: 'config.username_not_create_only',
    arrange: catalogRecipes['config.username_not_create_only'],
    repair: (world) => setUserFlowType(liveSchema(world), 'userName', 'ObjectAddOnly'),
  },
  {
    kind: 'config.extra_user_attributes',
    arrange: catalogRecipes['config.extra_user_attributes'],
    alsoShows: ['config.email_not_required', 'config.group_external_id_mapped', 'config.user_delete_enabled'],
    repair: (world) => useHealthySchema(world),
  },
  {
    kind: 'config.email_not_required',
    arrange: catalogRecipes['config.email_not_required'],
    repair: (world) => {
      useHealthySchema(world);
    },
  },
  {
    kind: 'config.group_external_id_mapped',
    arrange: catalogRecipes['config.group_external_id_mapped'],
    repair: (world) => {
      const groups = objectMapping(world, 'groups');
      groups.attributeMappings = (groups.attributeMappings as JsonObject[]).filter(
        (m) => m.targetAttributeName !== 'externalId',
      );
    },
  },
  {
    kind: 'config.scope_all_users',
    arrange: catalogRecipes['config.scope_all_users'],
    repair: (world) => setSecret(world, 'SyncAll', 'false'),
  },
  {
    kind: 'config.user_delete_enabled',
    arrange: catalogRecipes['config.user_delete_enabled'],
    repair: (world) => void (objectMapping(world, 'users').flowTypes = 'Add, Update'),
  },
  {
    kind: 'config.groups_mapping_disabled',
    arrange: catalogRecipes['config.groups_mapping_disabled'],
    repair: async (world) => {
      objectMapping(world, 'groups').enabled = true;
      await cycle(world);
    },
  },
  {
    kind: 'config.no_assignments',
    arrange: catalogRecipes['config.no_assignments'],
    repair: async (world) => {
      const [someone] = world.graph.tenant.users.values();
      world.graph.tenant.assign(world.servicePrincipalId, someone?.id ?? '');
      await cycle(world);
    },
  },
  {
    kind: 'config.saml_not_configured',
    arrange: catalogRecipes['config.saml_not_configured'],
    repair: (world) => void (world.pulumi.org.features.samlSsoEnabled = true),
  },
  {
    kind: 'config.single_pulumi_admin',
    arrange: catalogRecipes['config.single_pulumi_admin'],
    repair: (world) => {
      const demoted = [...world.pulumi.org.memberships.values()].find((m) => !m.scim && m.role === 'member');
      if (demoted) demoted.role = 'admin';
    },
  },
  {
    kind: 'connection.pulumi_unauthorized',
    arrange: catalogRecipes['connection.pulumi_unauthorized'],
    alsoShows: ['provisioning.failure'],
    repair: async (world, _subject, watched) => {
      await shareNewScimToken(world, watched);
      await cycle(world);
    },
  },
  {
    kind: 'connection.graph_permission_missing',
    arrange: catalogRecipes['connection.graph_permission_missing'],
    repair: (world) => {
      for (const client of world.graph.tenant.clients.values())
        if (!client.applicationPermissions.includes(withheldPermission))
          client.applicationPermissions = [...client.applicationPermissions, withheldPermission];
    },
  },
  {
    kind: 'connection.license_missing',
    arrange: catalogRecipes['connection.license_missing'],
    repair: (world) => void (world.graph.tenant.licensed = true),
  },
];
