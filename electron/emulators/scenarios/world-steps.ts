/** Small steps scenarios are made of, each changing the world the way an admin or a user would. */
import type { EmulatedWorld } from '../emulated-world';
import { buildLogEntry, type LogEntryInput } from '../graph/log-entry';
import type { JsonObject } from '../graph/tenant-types';
import { applyPulumiGuide } from './pulumi-guide-schema';

/** The provisioning job's live schema (scenarios change it in place, as the Entra portal would). */
export function liveSchema(world: EmulatedWorld): JsonObject {
  return world.graph.tenant.schemas.get(world.jobId) as JsonObject;
}

/** The user (index 0) or group (index 1) object mapping of the live schema. */
export function objectMapping(world: EmulatedWorld, which: 'users' | 'groups'): JsonObject {
  const rule = (liveSchema(world).synchronizationRules as JsonObject[])[0] as JsonObject;
  return (rule.objectMappings as JsonObject[])[which === 'users' ? 0 : 1] as JsonObject;
}

/** One attribute mapping of the user or group object mapping, by target attribute. */
export function attributeMapping(
  world: EmulatedWorld,
  which: 'users' | 'groups',
  target: string,
): JsonObject | undefined {
  const mappings = objectMapping(world, which).attributeMappings as JsonObject[];
  return mappings.find((m) => m.targetAttributeName === target);
}

/** Sets one of the job's secrets (BaseAddress, SyncAll, SkipOutOfScopeDeletions, ...). */
export function setSecret(world: EmulatedWorld, key: string, value: string): void {
  const { tenant } = world.graph;
  const others = tenant.maskedSecrets(world.servicePrincipalId).filter((pair) => pair.key !== key);
  const pairs = others.map((pair) => ({
    key: pair.key,
    value: tenant.secretValue(world.servicePrincipalId, pair.key) ?? '',
  }));
  tenant.setSecrets(world.servicePrincipalId, [...pairs, { key, value }]);
}

/**
 * A setup nothing should complain about: Pulumi's Entra guide followed, user Delete cleared from the
 * target object actions (Pulumi cannot delete users), and two Pulumi admins (the guide recommends more
 * than one).
 */
export function useHealthyConfiguration(world: EmulatedWorld): void {
  useHealthySchema(world);
  const { org } = world.pulumi;
  for (const [userName, email] of [
    ['pulumi-owner', 'owner@contoso.example'],
    ['pulumi-second-admin', 'second.admin@contoso.example'],
  ] as const) {
    org.addInvitedMember(org.addPersonalAccount({ userName, email }), 'admin');
  }
}

/** The healthy configuration's schema part: Pulumi's Entra guide applied, user Delete cleared. */
export function useHealthySchema(world: EmulatedWorld): void {
  applyPulumiGuide(liveSchema(world));
  objectMapping(world, 'users').flowTypes = 'Add, Update';
}

/** The provisioning job's status, as the engine and Graph read it (changed in place by scenarios). */
export function jobStatus(world: EmulatedWorld): JsonObject {
  const job = world.graph.tenant.job(world.servicePrincipalId, world.jobId);
  return (job?.status ?? {}) as JsonObject;
}

/** A user with mail = UPN, assigned to the app directly. */
export function addAssignedUser(
  world: EmulatedWorld,
  upn: string,
  extra: { mail?: string | null; displayName?: string } = {},
): string {
  const id = world.graph.tenant.addUser({
    userPrincipalName: upn,
    mail: extra.mail === undefined ? upn : extra.mail,
    displayName: extra.displayName ?? upn.split('@')[0] ?? upn,
  }).id;
  world.graph.tenant.assign(world.servicePrincipalId, id);
  return id;
}

/** A group assigned to the app, with the given direct members. */
export function addAssignedGroup(
  world: EmulatedWorld,
  displayName: string,
  memberIds: string[] = [],
): string {
  const group = world.graph.tenant.addGroup({ displayName, memberIds });
  world.graph.tenant.assign(world.servicePrincipalId, group.id);
  return group.id;
}

/** The SCIM id Pulumi gave an Entra object, once the engine has provisioned it. */
export function scimIdOf(world: EmulatedWorld, entraId: string): string {
  const scimId = world.engine.memory.links.get(entraId);
  if (!scimId) throw new Error(`The engine has not provisioned ${entraId}`);
  return scimId;
}

/** The provisioning app as log entries name it. */
export function logServicePrincipal(world: EmulatedWorld): LogEntryInput['servicePrincipal'] {
  const sp = world.graph.tenant.servicePrincipals.get(world.servicePrincipalId);
  return { id: sp?.id ?? '', displayName: sp?.displayName ?? '', appId: sp?.appId ?? '' };
}

/**
 * Adds `count` successful updates to the provisioning log, `spacingMs` apart from `from`: a backlog
 * such as late-landing entries make (what the control API's provisioning-events route also does).
 */
export function addLogBacklog(world: EmulatedWorld, count: number, from: number, spacingMs: number): void {
  const servicePrincipal = logServicePrincipal(world);
  const { tenant } = world.graph;
  for (let i = 0; i < count; i++) {
    tenant.log.add(
      buildLogEntry({
        tenantId: tenant.tenantId,
        jobId: world.jobId,
        servicePrincipal,
        activityDateTime: new Date(from + i * spacingMs).toISOString(),
        cycleId: `backlog-${Math.floor(i / 100)}`,
        action: 'update',
        status: 'success',
        identityType: 'User',
        source: { id: `backlog-user-${i}`, displayName: `Backlog ${i}` },
        target: { id: '', displayName: '' },
      }),
    );
  }
}
