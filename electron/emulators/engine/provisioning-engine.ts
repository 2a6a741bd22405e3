import { text } from '../http-kit';
import type { GraphEmulator } from '../graph/graph-emulator';
import type { JsonObject } from '../graph/tenant-types';
import type { OnDemandRequest } from '../graph/api/synchronization';
import { CycleContext, type EngineMemory } from './cycle-context';
import { onDemandResult } from './on-demand-result';
import { deleteGroup, syncGroup } from './group-sync';
import { readLiveMappings } from './schema-mappings';
import { ScimTarget } from './scim-target';
import { computeScope } from './scope';
import { deleteUser, syncUser } from './user-sync';

/** When the job goes to quarantine. Entra's documented values by default; scenarios scale them down. */
export interface QuarantineRules {
  /** Cycles in a row in which most SCIM calls got 401 (EncounteredQuarantineException). */
  unauthorizedCycles: number;
  /** Failures needed before the proportion is evaluated. */
  baseEscrowThreshold: number;
  /** Share of failed objects that quarantines once the base threshold is met. */
  escrowProportion: number;
  /** Failures that quarantine whatever the proportion. */
  totalEscrowThreshold: number;
}

export const documentedQuarantineRules: QuarantineRules = {
  unauthorizedCycles: 3,
  baseEscrowThreshold: 5000,
  escrowProportion: 0.4,
  totalEscrowThreshold: 40000,
};

export interface EngineOptions {
  servicePrincipalId: string;
  jobId: string;
  /** CAs to trust for the SCIM target (the Pulumi emulator's). */
  ca: string[];
  quarantine?: Partial<QuarantineRules>;
  /** Time between cycles (Entra: about 40 minutes; demo: 30 s). */
  intervalMs?: number;
  now?: () => number;
}

export interface CycleSummary {
  cycleId: string;
  skipped: boolean;
  exported: number;
  failed: number;
  quarantined: boolean;
}

/**
 * A stand-in for Entra's provisioning service: owns nothing but its memory (links, escrows, scope),
 * reads the tenant, the live schema and the secrets from the Graph emulator, sends the SCIM requests
 * Entra sends, and writes the provisioning log from what actually came back.
 */
export class ProvisioningEngine {
  readonly memory: EngineMemory = { links: new Map(), escrows: new Map(), previousScope: new Set() };
  private readonly rules: QuarantineRules;
  private readonly names = new Map<string, { kind: 'user' | 'group'; displayName: string }>();
  private unauthorizedStreak = 0;
  /** The tenant's change sequence the last cycle covered. */
  private watermark = 0;
  /** False until a cycle (or an adopted state) has covered everyone: the next cycle is an initial one. */
  private caughtUp = false;
  private previousGroups = new Set<string>();
  /** The schema and settings the last cycle followed; a change means everyone is evaluated again. */
  private configuration = '';
  private readonly now: () => number;

  constructor(
    private readonly graph: GraphEmulator,
    private readonly options: EngineOptions,
  ) {
    this.rules = { ...documentedQuarantineRules, ...options.quarantine };
    this.now = options.now ?? (() => Date.now());
  }

  private get job(): JsonObject {
    const job = this.graph.tenant.job(this.options.servicePrincipalId, this.options.jobId);
    if (!job) throw new Error(`No job ${this.options.jobId}`);
    return job;
  }

  /** Routes the Graph emulator's provisionOnDemand to this engine. */
  attach(): void {
    this.graph.hooks.onDemand = (request) => this.provisionOnDemand(request);
  }

  /** Runs one provisioning cycle over everyone in scope, unless the job is paused or quarantined. */
  async runCycle(): Promise<CycleSummary> {
    const status = this.job.status as JsonObject;
    const nextAttempt = Date.parse(text((status.quarantine as JsonObject | null)?.nextAttempt));
    if (status.code === 'Paused' || (status.code === 'Quarantine' && nextAttempt > this.now())) {
      return {
        cycleId: '',
        skipped: true,
        exported: 0,
        failed: 0,
        quarantined: status.code === 'Quarantine',
      };
    }
    const { tenant } = this.graph;
    const run = this.begin('system');
    const began = new Date(this.now()).toISOString();
    const { context, scope, skipOutOfScopeDeletions } = run;
    const watermark = tenant.changes.current;
    const { users: dirtyUsers, groups: dirtyGroups, full } = this.dirtyObjects(scope);
    try {
      const linkedBefore = new Set(this.memory.links.keys());
      for (const user of tenant.users.values()) {
        if (!full && !dirtyUsers.has(user.id)) continue;
        const inScope = scope.users.has(user.id);
        if (!inScope && !this.memory.links.has(user.id)) continue;
        this.names.set(user.id, { kind: 'user', displayName: user.displayName });
        await syncUser(context, user, inScope, skipOutOfScopeDeletions);
      }
      // A member provisioned just now can be added to its teams in this cycle.
      const newlyLinked = new Set([...this.memory.links.keys()].filter((id) => !linkedBefore.has(id)));
      for (const group of tenant.groups.values()) {
        const touched =
          full || dirtyGroups.has(group.id) || group.memberIds.some((id) => newlyLinked.has(id));
        if (!touched) continue;
        if (scope.groups.has(group.id)) {
          this.names.set(group.id, { kind: 'group', displayName: group.displayName });
          await syncGroup(context, group, scope.users);
        } else if (this.memory.links.has(group.id)) await deleteGroup(context, group.id, group.displayName);
      }
      // Linked objects the tenant no longer has were deleted for good in Entra.
      for (const [entraId, known] of this.names) {
        if (known.kind === 'user' && !tenant.users.has(entraId))
          await deleteUser(context, entraId, known.displayName);
        if (known.kind === 'group' && !tenant.groups.has(entraId))
          await deleteGroup(context, entraId, known.displayName);
        if (!tenant.users.has(entraId) && !tenant.groups.has(entraId) && !this.memory.links.has(entraId))
          this.names.delete(entraId);
      }
      this.memory.previousScope = scope.users;
      this.previousGroups = scope.groups;
      this.watermark = watermark;
      this.caughtUp = true;
    } finally {
      await context.target.close();
    }
    const quarantined = this.updateJob(context, began);
    return {
      cycleId: context.cycleId,
      skipped: false,
      exported: context.totals.exported,
      failed: context.totals.failed,
      quarantined,
    };
  }

  /**
   * The same pipeline for one object, as Graph's provisionOnDemand runs it: only objects a regular
   * cycle would provision; a group with the (at most 5) members named in the request.
   */
  async provisionOnDemand(request: OnDemandRequest): Promise<{ key: string; value: string }> {
    const { tenant } = this.graph;
    const { context, scope, skipOutOfScopeDeletions } = this.begin('user');
    const skipped = (errorCode: string, errorMessage: string) => ({
      key: JSON.stringify({ result: 'Skipped', details: { errorCode, errorMessage } }),
      value: '{}',
    });
    const before = tenant.log.size;
    try {
      const { objectId, objectTypeName } = request.subject;
      if (objectTypeName === 'User') {
        const user = tenant.users.get(objectId);
        if (!user || !scope.users.has(objectId))
          return skipped(
            'NotEffectivelyEntitled',
            'The user is not assigned to the application, so it is not in scope.',
          );
        await syncUser(context, user, true, skipOutOfScopeDeletions);
      } else {
        const group = tenant.groups.get(objectId);
        if (!group || !scope.groups.has(objectId))
          return skipped(
            'NotEffectivelyEntitled',
            'The group is not assigned to the application, so it is not in scope.',
          );
        const members = new Set(request.memberIds.filter((id) => scope.users.has(id)));
        for (const id of members) {
          const user = tenant.users.get(id);
          if (user) await syncUser(context, user, true, skipOutOfScopeDeletions);
        }
        await syncGroup(
          context,
          {
            ...group,
            memberIds: group.memberIds.filter((id) => members.has(id) || this.memory.links.has(id)),
          },
          scope.users,
        );
      }
    } finally {
      await context.target.close();
    }
    const written = tenant.log
      .all()
      .slice(before)
      .filter((e) => (e.sourceIdentity as JsonObject).id === request.subject.objectId);
    const entry = written.at(-1);
    if (!entry) {
      const redundant = 'The state of the object in both the source and target systems already match.';
      const { objectId, objectTypeName } = request.subject;
      const name =
        objectTypeName === 'User'
          ? (tenant.users.get(objectId)?.displayName ?? objectId)
          : (tenant.groups.get(objectId)?.displayName ?? objectId);
      context.recordRedundant(
        {
          identityType: objectTypeName,
          source: { id: objectId, displayName: name },
          target: { id: this.memory.links.get(objectId) ?? '', displayName: name },
        },
        redundant,
      );
      return skipped('RedundantExport', redundant);
    }
    return onDemandResult(entry);
  }

  /**
   * What an incremental cycle looks at, as Entra's delta-driven cycles do: objects changed since the
   * watermark, objects whose scope changed, and escrowed failures. The first cycle, and any cycle after
   * the mappings or settings changed, evaluates everyone.
   */
  private dirtyObjects(scope: { users: Set<string>; groups: Set<string> }) {
    const { tenant } = this.graph;
    const sp = this.options.servicePrincipalId;
    const configuration = JSON.stringify([tenant.schemas.get(this.options.jobId), tenant.secrets.get(sp)]);
    const full = !this.caughtUp || configuration !== this.configuration;
    this.configuration = configuration;
    const users = new Set<string>(this.memory.escrows.keys());
    const groups = new Set<string>(this.memory.escrows.keys());
    for (const change of tenant.changes.since(this.watermark)) {
      if (change.kind === 'user') users.add(change.id);
      else groups.add(change.id);
      if (change.memberId) users.add(change.memberId);
    }
    const difference = (a: Set<string>, b: Set<string>, into: Set<string>) =>
      a.forEach((id) => !b.has(id) && into.add(id));
    difference(scope.users, this.memory.previousScope, users);
    difference(this.memory.previousScope, scope.users, users);
    difference(scope.groups, this.previousGroups, groups);
    difference(this.previousGroups, scope.groups, groups);
    return { users, groups, full };
  }

  /**
   * Starts from a world that is already provisioned (the `scale` scenario seeds both sides directly):
   * the links are known and the next cycle is incremental, as it would be after Entra's initial cycle.
   */
  adoptProvisioned(links: ReadonlyMap<string, string>): void {
    const { tenant } = this.graph;
    const { scope } = this.begin('system');
    for (const [entraId, scimId] of links) {
      this.memory.links.set(entraId, scimId);
      const user = tenant.users.get(entraId);
      const group = tenant.groups.get(entraId);
      if (user) this.names.set(entraId, { kind: 'user', displayName: user.displayName });
      if (group) this.names.set(entraId, { kind: 'group', displayName: group.displayName });
    }
    this.memory.previousScope = scope.users;
    this.previousGroups = scope.groups;
    this.watermark = tenant.changes.current;
    this.configuration = JSON.stringify([
      tenant.schemas.get(this.options.jobId),
      tenant.secrets.get(this.options.servicePrincipalId),
    ]);
    this.caughtUp = true;
  }

  private begin(initiator: 'system' | 'user') {
    const { tenant } = this.graph;
    const sp = tenant.servicePrincipals.get(this.options.servicePrincipalId);
    if (!sp) throw new Error('The provisioning app is gone');
    const secret = (key: string) => tenant.secretValue(sp.id, key) ?? '';
    const target = new ScimTarget(secret('BaseAddress'), secret('SecretToken'), this.options.ca);
    const context = new CycleContext(
      tenant,
      target,
      readLiveMappings(tenant.schemas.get(this.options.jobId) ?? {}),
      this.memory,
      { id: sp.id, appId: sp.appId, displayName: sp.displayName },
      this.options.jobId,
      this.now,
      this.options.intervalMs ?? 40 * 60_000,
      initiator,
    );
    return {
      context,
      scope: computeScope(tenant, sp.id, secret('SyncAll').toLowerCase() === 'true'),
      skipOutOfScopeDeletions: secret('SkipOutOfScopeDeletions').toLowerCase() === 'true',
    };
  }

  /** Writes the cycle's outcome into the job's status, and quarantines it when the rules say so. */
  private updateJob(context: CycleContext, began: string): boolean {
    const status = this.job.status as JsonObject;
    const { totals } = context;
    const mostlyUnauthorized = totals.requests > 0 && totals.unauthorized * 2 > totals.requests;
    this.unauthorizedStreak = mostlyUnauthorized ? this.unauthorizedStreak + 1 : 0;
    const escrowed = this.memory.escrows.size;
    const entitled = Math.max(1, totals.exported + totals.failed);
    const execution = {
      activityIdentifier: context.cycleId,
      countEntitled: entitled,
      countEntitledForProvisioning: entitled,
      countEscrowed: escrowed,
      countEscrowedRaw: escrowed,
      countExported: totals.exported,
      countExports: totals.exported + totals.failed,
      countImported: entitled,
      countImportedDeltas: entitled,
      countImportedReferenceDeltas: 0,
      state: totals.failed === 0 ? 'Succeeded' : totals.exported === 0 ? 'Failed' : 'EntryLevelErrors',
      error: null,
      timeBegan: began,
      timeEnded: new Date(this.now()).toISOString(),
    };
    status.lastExecution = execution;
    if (totals.failed === 0) status.lastSuccessfulExecution = execution;
    if (totals.failed === 0 && totals.exported > 0) status.lastSuccessfulExecutionWithExports = execution;
    status.countSuccessiveCompleteFailures =
      execution.state === 'Failed' ? Number(status.countSuccessiveCompleteFailures ?? 0) + 1 : 0;
    status.code = 'Active';

    const reason =
      this.unauthorizedStreak >= this.rules.unauthorizedCycles
        ? 'EncounteredQuarantineException'
        : escrowed > this.rules.totalEscrowThreshold
          ? 'EncounteredTotalEscrowThreshold'
          : escrowed >= this.rules.baseEscrowThreshold &&
              escrowed / Math.max(1, this.memory.links.size + escrowed) > this.rules.escrowProportion
            ? 'EncounteredEscrowProportionThreshold'
            : null;
    if (!reason) return false;
    const previous = status.quarantine as JsonObject | null;
    const now = new Date(this.now()).toISOString();
    status.code = 'Quarantine';
    status.quarantine = {
      currentBegan: now,
      nextAttempt: new Date(this.now() + 24 * 3600_000).toISOString(),
      reason,
      seriesBegan: previous?.seriesBegan ?? now,
      seriesCount: Number(previous?.seriesCount ?? 0) + 1,
      error:
        reason === 'EncounteredQuarantineException'
          ? {
              code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
              message: 'The SCIM endpoint refused the saved credentials (HTTP 401).',
              tenantActionable: true,
            }
          : {
              code: 'EscrowThresholdExceeded',
              message: `${escrowed} objects failed to provision.`,
              tenantActionable: true,
            },
    };
    return true;
  }
}
