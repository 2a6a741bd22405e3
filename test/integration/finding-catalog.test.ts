import { afterEach, describe, expect, it } from 'vitest';

import { findingKinds, type FindingKind } from '../../shared/finding-kinds';
import type { ProvisioningEntry } from '../../electron/core/entra/graph-types';
import {
  catalogIntervalMs,
  catalogRecipes,
  startCatalogWorld,
  type CatalogCase,
  type CatalogWorld,
} from '../../electron/emulators/scenarios/catalog';
import { pulumiUserAttributes } from '../../electron/emulators/scenarios/pulumi-guide-schema';
import {
  readBothSides,
  registerScimWatch,
  scimwatchClients,
  type BothSides,
  type Read,
} from '../helpers/both-sides';

type Json = Record<string, unknown>;
const value = <T>(read: Read<T>): T => {
  if (!read.ok) throw new Error(`read failed: ${read.error.message}`);
  return read.value;
};
const latestEntry = (sides: BothSides, entraId: string | undefined): ProvisioningEntry | undefined =>
  value(sides.logs)
    .filter((e) => e.sourceIdentity.id === entraId)
    .at(-1);
const scimUser = (sides: BothSides, id: string | undefined) =>
  value(sides.scimUsers).find((u) => u.id === id);
const scimGroup = (sides: BothSides, id: string | undefined) =>
  value(sides.scimGroups).find((g) => g.id === id);
const entraUser = (sides: BothSides, id: string | undefined) => sides.entraUsers.get(id ?? '');
const userMappings = (sides: BothSides, which = 0) => {
  const rule = (sides.schema.synchronizationRules as Json[])[0] as Json;
  return (rule.objectMappings as Json[])[which] as Json;
};
const mapping = (sides: BothSides, target: string) =>
  (userMappings(sides).attributeMappings as Json[]).find((m) => m.targetAttributeName === target);
const secret = (sides: BothSides, key: string) => sides.secrets.find((s) => s.key === key)?.value;
const status = (sides: BothSides) => sides.job.status as Json;
/** SCIM ids Entra linked to each Entra object, learned from the log (as the collectors will). */
const links = (sides: BothSides) =>
  new Map(
    value(sides.logs)
      .filter((e) => e.targetIdentity.id)
      .map((e) => [e.sourceIdentity.id, e.targetIdentity.id]),
  );

/**
 * What each case promises, checked on the data ScimWatch's clients read. These are raw conditions,
 * not reconciliation: they prove the world shows the symptom the finding kind names.
 */
const shows: Record<FindingKind, (sides: BothSides, subject: CatalogCase, world: CatalogWorld) => boolean> = {
  'user.missing_in_pulumi': (s, c) =>
    Boolean(entraUser(s, c.entraId)) &&
    !value(s.scimUsers).some((u) => u.userName === entraUser(s, c.entraId)?.userPrincipalName),
  'user.not_deprovisioned': (s, c) =>
    entraUser(s, c.entraId)?.accountEnabled === false && scimUser(s, c.scimId)?.active === true,
  'user.inactive_in_pulumi': (s, c) =>
    entraUser(s, c.entraId)?.accountEnabled === true && scimUser(s, c.scimId)?.active === false,
  'user.attribute_mismatch': (s, c) =>
    entraUser(s, c.entraId)?.displayName === 'Dara Quinn-Okafor' &&
    scimUser(s, c.scimId)?.displayName === 'Dara Quinn',
  'user.username_diverged': (s, c) =>
    entraUser(s, c.entraId)?.userPrincipalName === 'emil.berg@contoso.test' &&
    scimUser(s, c.scimId)?.userName === 'emil@contoso.test',
  'user.unmatched_in_pulumi': (s, c) => {
    const user = scimUser(s, c.scimId);
    return Boolean(user) && ![...s.entraUsers.values()].some((u) => u.userPrincipalName === user?.userName);
  },
  'user.missing_email': (s, c) =>
    entraUser(s, c.entraId)?.mail === null &&
    latestEntry(s, c.entraId)?.provisioningStatusInfo.status === 'failure',
  'user.duplicate_email': (s, c) =>
    [...s.entraUsers.values()].filter((u) => u.mail === entraUser(s, c.entraId)?.mail).length === 2,
  'user.email_in_use': (s, c) =>
    /email/i.test(latestEntry(s, c.entraId)?.provisioningStatusInfo.errorInformation?.reason ?? ''),
  'team.missing_in_pulumi': (s, c) =>
    s.entraGroups.has(c.entraId ?? '') &&
    !value(s.scimGroups).some((g) => g.displayName === s.entraGroups.get(c.entraId ?? '')?.displayName),
  'team.not_deprovisioned': (s, c) => !s.entraGroups.has(c.entraId ?? '') && Boolean(scimGroup(s, c.scimId)),
  'team.name_mismatch': (s, c) =>
    s.entraGroups.get(c.entraId ?? '')?.displayName === 'Payments Platform' &&
    scimGroup(s, c.scimId)?.displayName === 'Payments',
  'team.member_missing': (s, c) => {
    const linked = links(s);
    const pushed = new Set((scimGroup(s, c.scimId)?.members ?? []).map((m) => m.value));
    const intended = s.entraGroups.get(c.entraId ?? '')?.members ?? [];
    return intended.some((m) => !pushed.has(linked.get(m.id) ?? ''));
  },
  'team.member_extra': (s, c) => {
    const linked = links(s);
    const intended = new Set(
      (s.entraGroups.get(c.entraId ?? '')?.members ?? []).map((m) => linked.get(m.id)),
    );
    return (scimGroup(s, c.scimId)?.members ?? []).some((m) => !intended.has(m.value));
  },
  'team.name_too_long': (s, c) =>
    (s.entraGroups.get(c.entraId ?? '')?.displayName.length ?? 0) > 100 &&
    latestEntry(s, c.entraId)?.provisioningStatusInfo.status === 'failure',
  'team.member_not_provisioned': (s, c) => {
    const linked = links(s);
    const members = s.entraGroups.get(c.entraId ?? '')?.members ?? [];
    // A member whose own create failed: Pulumi has no user for her, so the team cannot hold her.
    return members.some(
      (m) =>
        !value(s.scimUsers).some((u) => u.id === linked.get(m.id)) &&
        latestEntry(s, m.id)?.provisioningStatusInfo.status === 'failure',
    );
  },
  'team.nested_members_ignored': (s, c) => {
    const members = s.entraGroups.get(c.entraId ?? '')?.members ?? [];
    const nested = members.filter((m) => m['@odata.type'] === '#microsoft.graph.group').length;
    return nested === 1 && scimGroup(s, c.scimId)?.members?.length === members.length - nested;
  },
  'team.name_collision': (s, c) =>
    value(s.teams).some((t) => t.kind !== 'scim' && t.displayName === scimGroup(s, c.scimId)?.displayName),
  'provisioning.failure': (s, c) => latestEntry(s, c.entraId)?.provisioningStatusInfo.status === 'failure',
  'job.quarantined': (s) => status(s).code === 'Quarantine',
  'job.not_running': (s) => status(s).code === 'Paused',
  'job.stalled': (s, _c, world) => {
    const lastSuccess = Date.parse(String((status(s).lastSuccessfulExecution as Json).timeEnded));
    return status(s).code === 'Active' && world.now() - lastSuccess > 3 * catalogIntervalMs;
  },
  'job.near_quarantine': (s) =>
    status(s).code === 'Active' && Number((status(s).lastExecution as Json).countEscrowed) >= 5,
  'config.tenant_url': (s, _c, world) => secret(s, 'BaseAddress') !== world.pulumi.scimBaseUrl,
  'config.users_mapping_disabled': (s) => userMappings(s).enabled === false,
  'config.username_source': (s) => (mapping(s, 'userName')?.source as Json).name === 'mail',
  'config.username_not_create_only': (s) => mapping(s, 'userName')?.flowType === 'Always',
  'config.extra_user_attributes': (s) =>
    (userMappings(s).attributeMappings as Json[]).some(
      (m) => !pulumiUserAttributes.has(String(m.targetAttributeName)),
    ),
  'config.email_not_required': (s) => {
    const directory = (s.schema.directories as Json[])[0] as Json;
    const user = (directory.objects as Json[]).find((o) => o.name === 'User') as Json;
    const email = (user.attributes as Json[]).find((a) => a.name === 'emails[type eq "work"].value');
    return email?.required === false;
  },
  'config.group_external_id_mapped': (s) =>
    (userMappings(s, 1).attributeMappings as Json[]).some((m) => m.targetAttributeName === 'externalId'),
  'config.scope_all_users': (s) => secret(s, 'SyncAll') === 'true',
  'config.user_delete_enabled': (s) => String(userMappings(s).flowTypes).includes('Delete'),
  'config.groups_mapping_disabled': (s) => userMappings(s, 1).enabled === false,
  'config.no_assignments': (s) => s.assignments.length === 0,
  'config.saml_not_configured': (s) => value(s.samlEnabled) === false,
  'config.single_pulumi_admin': (s) => value(s.members).filter((m) => m.role === 'admin').length === 1,
  'connection.pulumi_unauthorized': (s) => !s.scimUsers.ok && s.scimUsers.error.code === 'unauthorized',
  'connection.graph_permission_missing': (s) =>
    !s.logs.ok && s.logs.error.code === 'forbidden' && !/licen/i.test(s.logs.error.message),
  'connection.license_missing': (s) =>
    !s.logs.ok && s.logs.error.code === 'forbidden' && /licen/i.test(s.logs.error.message),
};

describe('the catalog scenario: one world per finding kind, read through ScimWatch clients', () => {
  let world: CatalogWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('has a case for every kind in the vocabulary', () => {
    expect(Object.keys(catalogRecipes).sort()).toEqual([...findingKinds].sort());
  });

  it.each([...findingKinds])('%s', async (kind) => {
    world = await startCatalogWorld();
    const app = registerScimWatch(world);
    const healthy = await readBothSides(world, scimwatchClients(world, app));
    const subject = await catalogRecipes[kind](world);
    // A fresh start after the change (new tokens, as a cron run gets), with the same saved credentials.
    const sides = await readBothSides(world, scimwatchClients(world, app));
    expect(shows[kind](sides, subject, world)).toBe(true);
    // Configuration and connection symptoms are world-wide: the healthy world must not show them.
    // (An empty world trivially has no assignments, so that one case is left out.)
    if (!/^(config|connection)\./.test(kind) || kind === 'config.no_assignments') return;
    expect(shows[kind](healthy, {}, world)).toBe(false);
  });
});
