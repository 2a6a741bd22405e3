/**
 * For every failure cause: a world whose engine produced it from Pulumi's actual answer, with its
 * root and the admin's repair.
 */
import { defaultSchema } from '../../../electron/emulators/graph/default-schema';
import { catalogRecipes } from '../../../electron/emulators/scenarios/catalog';
import { causeRecipes } from '../../../electron/emulators/scenarios/cause-recipes';
import { setUserFlowType } from '../../../electron/emulators/scenarios/pulumi-guide-schema';
import {
  liveSchema,
  objectMapping,
  useHealthySchema,
} from '../../../electron/emulators/scenarios/world-steps';
import {
  correctTenantUrl,
  cycle,
  releaseEmail,
  rename,
  shareNewScimToken,
  type ProofCase,
} from './proof-steps';
/** Failures, one per cause; `unknown` comes from a Tenant URL naming an organization Pulumi does not have. */
export const causeCases: ProofCase[] = [
  {
    kind: 'provisioning.failure',
    cause: 'email_in_use',
    arrange: async (world) => ({ entraId: await causeRecipes.email_in_use(world) }),
    alsoShows: ['user.email_in_use', 'user.missing_in_pulumi'],
    rootKind: 'user.email_in_use',
    repair: async (world) => {
      releaseEmail(world, 'ana@contoso.test');
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'username_taken',
    arrange: async (world) => ({ entraId: await causeRecipes.username_taken(world) }),
    alsoShows: ['user.missing_in_pulumi'],
    repair: async (world) => {
      const holder = world.pulumi.org.accountByUserName('ben@contoso.test');
      if (holder) holder.userName = 'ben-personal';
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'username_immutable',
    arrange: async (world) => ({ entraId: await causeRecipes.username_immutable(world) }),
    alsoShows: ['config.username_not_create_only', 'user.username_diverged'],
    rootKind: 'config.username_not_create_only',
    // Nothing else changed, so no cycle sends the user again: the fix ends with Retry (on demand).
    repair: async (world, { entraId }) => {
      setUserFlowType(liveSchema(world), 'userName', 'ObjectAddOnly');
      await world.engine.provisionOnDemand({
        servicePrincipalId: world.servicePrincipalId,
        jobId: world.jobId,
        ruleId: 'USER_OUTBOUND_USER',
        subject: { objectId: entraId ?? '', objectTypeName: 'User' },
        memberIds: [],
      });
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'unknown_attribute',
    arrange: async (world) => {
      // The default mappings kept (title, preferredLanguage, …), userName create-only, Delete cleared.
      const fresh = defaultSchema(world.jobId);
      world.graph.tenant.schemas.set(world.jobId, fresh);
      setUserFlowType(fresh, 'userName', 'ObjectAddOnly');
      objectMapping(world, 'users').flowTypes = 'Add, Update';
      return { entraId: await causeRecipes.unknown_attribute(world) };
    },
    alsoShows: [
      'config.extra_user_attributes',
      'config.email_not_required',
      'config.group_external_id_mapped',
      'user.missing_in_pulumi',
    ],
    rootKind: 'config.extra_user_attributes',
    repair: async (world) => {
      useHealthySchema(world);
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'invalid_team_members',
    arrange: async (world) => ({ entraId: await causeRecipes.invalid_team_members(world) }),
    // The inactive member is the push blocker, not a plain missing member (Pulumi refuses all or nothing).
    alsoShows: ['team.member_not_provisioned'],
    rootKind: 'team.member_not_provisioned',
    repair: async (world) => {
      for (const user of world.graph.tenant.users.values())
        if (!user.accountEnabled) world.graph.tenant.updateUser(user.id, { accountEnabled: true });
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'team_name_too_long',
    arrange: async (world) => ({ entraId: await causeRecipes.team_name_too_long(world) }),
    alsoShows: ['team.missing_in_pulumi', 'team.name_too_long'],
    rootKind: 'team.name_too_long',
    repair: rename('Platform Engineering'),
  },
  {
    kind: 'provisioning.failure',
    cause: 'user_delete_unsupported',
    arrange: async (world) => {
      objectMapping(world, 'users').flowTypes = 'Add, Update, Delete';
      return { entraId: await causeRecipes.user_delete_unsupported(world) };
    },
    // The deleted user was the only one assigned.
    alsoShows: ['config.user_delete_enabled', 'config.no_assignments', 'user.not_deprovisioned'],
    rootKind: 'config.user_delete_enabled',
    // Delete cleared for the future; the account of the user already deleted is deactivated by hand.
    repair: (world, { entraId }) => {
      objectMapping(world, 'users').flowTypes = 'Add, Update';
      const membership = world.pulumi.org.memberships.get(world.engine.memory.links.get(entraId ?? '') ?? '');
      if (membership) membership.active = false;
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'missing_required_value',
    arrange: async (world) => ({ entraId: await causeRecipes.missing_required_value(world) }),
    alsoShows: ['user.missing_email', 'user.missing_in_pulumi'],
    rootKind: 'user.missing_email',
    repair: async (world, { entraId }) => {
      world.graph.tenant.updateUser(entraId ?? '', { mail: 'gus@contoso.test' });
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'invalid_anchor',
    arrange: async (world) => ({ entraId: await causeRecipes.invalid_anchor(world) }),
    alsoShows: ['team.missing_in_pulumi'],
    // Restarting provisioning clears Entra's stale link; the next cycle creates the team again.
    repair: async (world, { entraId }) => {
      world.engine.memory.links.delete(entraId ?? '');
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'unauthorized',
    arrange: async (world) => ({ entraId: await causeRecipes.unauthorized(world) }),
    alsoShows: ['connection.pulumi_unauthorized'],
    rootKind: 'connection.pulumi_unauthorized',
    repair: async (world, _subject, watched) => {
      await shareNewScimToken(world, watched);
      await cycle(world);
    },
  },
  {
    kind: 'provisioning.failure',
    cause: 'rate_limited',
    arrange: async (world) => {
      const entraId = await causeRecipes.rate_limited(world);
      world.pulumi.faults.update({ rate429: 0 });
      return { entraId };
    },
    alsoShows: ['user.missing_in_pulumi'],
    repair: cycle,
  },
  {
    kind: 'provisioning.failure',
    cause: 'target_unavailable',
    arrange: async (world) => {
      const entraId = await causeRecipes.target_unavailable(world);
      world.pulumi.faults.update({ rate503: 0 });
      return { entraId };
    },
    alsoShows: ['user.missing_in_pulumi'],
    repair: cycle,
  },
  {
    kind: 'provisioning.failure',
    cause: 'unknown',
    arrange: catalogRecipes['config.tenant_url'],
    alsoShows: ['config.tenant_url', 'team.missing_in_pulumi', 'user.missing_in_pulumi'],
    rootKind: 'config.tenant_url',
    repair: correctTenantUrl,
  },
];
