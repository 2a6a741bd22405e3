import { randomUUID } from 'node:crypto';

import { ChangeLog } from './change-log';
import { defaultJob, defaultSchema } from './default-schema';
import type { LogSource } from './log-source';
import { ProvisioningLog } from './provisioning-log';
import type {
  EmulatedAssignment,
  EmulatedClientApp,
  EmulatedGroup,
  EmulatedServicePrincipal,
  EmulatedUser,
  JsonObject,
} from './tenant-types';

export interface SecretPair {
  key: string;
  value: string;
}

/** Keys whose values Graph returns masked as "*". */
const maskedSecretKeys = new Set([
  'SecretToken',
  'Password',
  'ClientSecret',
  'Oauth2ClientSecret',
  'Oauth2AccessToken',
  'Oauth2RefreshToken',
]);

/**
 * Everything the emulated tenant holds. Mutations go through methods, so the change log that feeds
 * the delta endpoints stays complete; the control API and the provisioning engine use the same ones.
 */
export class EmulatedTenant {
  readonly users = new Map<string, EmulatedUser>();
  readonly groups = new Map<string, EmulatedGroup>();
  readonly servicePrincipals = new Map<string, EmulatedServicePrincipal>();
  readonly assignments: EmulatedAssignment[] = [];
  readonly clients = new Map<string, EmulatedClientApp>();
  /** Jobs, schemas and secrets per service principal id. */
  readonly jobs = new Map<string, Map<string, JsonObject>>();
  readonly schemas = new Map<string, JsonObject>();
  readonly secrets = new Map<string, SecretPair[]>();
  readonly log = new ProvisioningLog();
  /** Every job restart Graph accepted, with the reset scope it was asked for (tests read what arrived). */
  readonly restarts: { jobId: string; resetScope: string }[] = [];
  /** Older entries a scenario computes on demand (the `scale` scenario's synthetic history). */
  history: LogSource | null = null;
  readonly changes = new ChangeLog();
  /** False: the tenant has no Entra ID P1/P2, so the provisioning-log API answers 403. */
  licensed = true;

  constructor(readonly tenantId: string) {}

  addUser(user: Partial<EmulatedUser> & Pick<EmulatedUser, 'userPrincipalName'>): EmulatedUser {
    const local = user.userPrincipalName.split('@')[0] ?? 'user';
    const full: EmulatedUser = {
      id: randomUUID(),
      displayName: local,
      givenName: null,
      surname: null,
      mail: null,
      mailNickname: local.replace(/[^A-Za-z0-9._-]/g, ''),
      accountEnabled: true,
      userType: user.userPrincipalName.includes('#EXT#') ? 'Guest' : 'Member',
      jobTitle: null,
      preferredLanguage: null,
      ...user,
    };
    this.users.set(full.id, full);
    this.changes.record({ kind: 'user', id: full.id, at: Date.now() });
    return full;
  }

  /**
   * Loads a whole directory at once, as it stood before any delta token was issued (the `scale`
   * scenario): no change records, so 100k users and 500k memberships cost no change log.
   */
  importDirectory(users: readonly EmulatedUser[], groups: readonly EmulatedGroup[]): void {
    for (const user of users) this.users.set(user.id, user);
    for (const group of groups) this.groups.set(group.id, group);
  }

  updateUser(id: string, patch: Partial<Omit<EmulatedUser, 'id'>>): EmulatedUser {
    const user = this.mustGet(this.users, id, 'user');
    Object.assign(user, patch);
    this.changes.record({ kind: 'user', id, at: Date.now() });
    return user;
  }

  deleteUser(id: string): void {
    this.mustGet(this.users, id, 'user');
    this.users.delete(id);
    for (const group of this.groups.values()) {
      if (group.memberIds.includes(id)) this.removeMember(group.id, id);
    }
    this.unassign(id);
    this.changes.record({ kind: 'user', id, deleted: true, at: Date.now() });
  }

  addGroup(group: Partial<EmulatedGroup> & Pick<EmulatedGroup, 'displayName'>): EmulatedGroup {
    const full: EmulatedGroup = {
      id: randomUUID(),
      mailNickname: group.displayName.replace(/[^A-Za-z0-9]/g, '').slice(0, 60) || 'group',
      securityEnabled: true,
      createdDateTime: new Date().toISOString(),
      memberIds: [],
      ...group,
    };
    this.groups.set(full.id, full);
    this.changes.record({ kind: 'group', id: full.id, at: Date.now() });
    for (const memberId of full.memberIds)
      this.changes.record({ kind: 'membership', id: full.id, memberId, at: Date.now() });
    return full;
  }

  updateGroup(
    id: string,
    patch: Partial<Pick<EmulatedGroup, 'displayName' | 'mailNickname' | 'securityEnabled'>>,
  ): EmulatedGroup {
    const group = this.mustGet(this.groups, id, 'group');
    Object.assign(group, patch);
    this.changes.record({ kind: 'group', id, at: Date.now() });
    return group;
  }

  deleteGroup(id: string): void {
    this.mustGet(this.groups, id, 'group');
    this.groups.delete(id);
    this.unassign(id);
    this.changes.record({ kind: 'group', id, deleted: true, at: Date.now() });
  }

  addMember(groupId: string, memberId: string): void {
    const group = this.mustGet(this.groups, groupId, 'group');
    if (!this.users.has(memberId) && !this.groups.has(memberId))
      throw new Error(`No user or group ${memberId}`);
    if (group.memberIds.includes(memberId)) return;
    group.memberIds.push(memberId);
    this.changes.record({ kind: 'membership', id: groupId, memberId, at: Date.now() });
  }

  removeMember(groupId: string, memberId: string): void {
    const group = this.mustGet(this.groups, groupId, 'group');
    if (!group.memberIds.includes(memberId)) return;
    group.memberIds = group.memberIds.filter((m) => m !== memberId);
    this.changes.record({ kind: 'membership', id: groupId, memberId, removed: true, at: Date.now() });
  }

  /** Assigns a user or group to the provisioning app (default access role). */
  assign(servicePrincipalId: string, principalId: string): EmulatedAssignment {
    const sp = this.mustGet(this.servicePrincipals, servicePrincipalId, 'service principal');
    const user = this.users.get(principalId);
    const group = this.groups.get(principalId);
    if (!user && !group) throw new Error(`No user or group ${principalId}`);
    const existing = this.assignments.find((a) => a.principalId === principalId && a.resourceId === sp.id);
    if (existing) return existing;
    const assignment: EmulatedAssignment = {
      id: randomUUID(),
      appRoleId: '00000000-0000-0000-0000-000000000000',
      principalId,
      principalType: user ? 'User' : 'Group',
      principalDisplayName: (user ?? group)?.displayName ?? '',
      resourceId: sp.id,
      resourceDisplayName: sp.displayName,
      createdDateTime: new Date().toISOString(),
    };
    this.assignments.push(assignment);
    return assignment;
  }

  unassign(principalId: string): void {
    for (let i = this.assignments.length - 1; i >= 0; i--) {
      if (this.assignments[i]?.principalId === principalId) this.assignments.splice(i, 1);
    }
  }

  /** Creates the provisioning app's service principal with one SCIM job, its schema and secrets. */
  addProvisioningApp(options: {
    displayName: string;
    baseAddress: string;
    secretToken: string;
    ownerAppIds?: string[];
  }): {
    servicePrincipal: EmulatedServicePrincipal;
    jobId: string;
  } {
    const servicePrincipal: EmulatedServicePrincipal = {
      id: randomUUID(),
      appId: randomUUID(),
      displayName: options.displayName,
      preferredSingleSignOnMode: 'saml',
      ownerAppIds: options.ownerAppIds ?? [],
    };
    this.servicePrincipals.set(servicePrincipal.id, servicePrincipal);
    const jobId = `scim.${this.tenantId.replace(/-/g, '')}.${randomUUID().replace(/-/g, '')}`;
    this.jobs.set(servicePrincipal.id, new Map([[jobId, defaultJob(jobId)]]));
    this.schemas.set(jobId, defaultSchema(jobId));
    this.secrets.set(servicePrincipal.id, [
      { key: 'BaseAddress', value: options.baseAddress },
      { key: 'SecretToken', value: options.secretToken },
      { key: 'SyncAll', value: 'false' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":false,"DeleteThresholdEnabled":false}' },
    ]);
    return { servicePrincipal, jobId };
  }

  /** Secrets as Graph returns them: credential values masked. */
  maskedSecrets(servicePrincipalId: string): SecretPair[] {
    return (this.secrets.get(servicePrincipalId) ?? []).map(({ key, value }) =>
      maskedSecretKeys.has(key) ? { key, value: '*' } : { key, value },
    );
  }

  secretValue(servicePrincipalId: string, key: string): string | undefined {
    return this.secrets.get(servicePrincipalId)?.find((s) => s.key === key)?.value;
  }

  setSecrets(servicePrincipalId: string, pairs: SecretPair[]): void {
    const current = this.secrets.get(servicePrincipalId) ?? [];
    for (const pair of pairs) {
      const existing = current.find((s) => s.key === pair.key);
      if (existing) existing.value = pair.value;
      else current.push({ ...pair });
    }
    this.secrets.set(servicePrincipalId, current);
  }

  job(servicePrincipalId: string, jobId: string): JsonObject | undefined {
    return this.jobs.get(servicePrincipalId)?.get(jobId);
  }

  private mustGet<T>(map: Map<string, T>, id: string, what: string): T {
    const value = map.get(id);
    if (!value) throw new Error(`No ${what} ${id}`);
    return value;
  }
}
