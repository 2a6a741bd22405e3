import { createHash } from 'node:crypto';

import { ScimWatchError, secretNames, type SyncSummary } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import { LicenseMissing, PermissionMissing } from '../entra/graph-errors';
import { grantsDocument, grantsFromToken, type TokenGrants } from '../entra/token-grants';
import { TransientReadError } from '../pulumi/read-with-retries';
import { PollState, type PollSource } from '../store/poll-state-repo';
import { countProvisioningEvents } from '../store/provisioning-events-repo';
import { saveDocument } from '../store/source-documents-repo';
import { isoNow, type CollectContext } from './collect-context';
import { openConnections, type CollectorRuntime, type Connections } from './connections';
import { collectDirectory } from './entra-directory-collector';
import { collectConfiguration, collectJobStatus, jobStatusCode } from './entra-job-collector';
import { resolveTarget, type EntraTarget } from './entra-target';
import { collectProvisioningEvents } from './provisioning-events-collector';
import { collectPulumiRest, collectPulumiScim } from './pulumi-collector';
import type { ScheduledTask } from './scheduler';

type SyncError = SyncSummary['errors'][number];

const passRetryRounds = 2;
/**
 * Whether a source's failure may pass if asked again within the pass: a fault that outlasted its
 * requests' own retries (throttling, an outage, a connection cut or an answer cut short). A refused
 * token, a missing permission, configuration, or a host that cannot be reached at all will not.
 */
function mayPass(error: unknown): boolean {
  if (error instanceof TransientReadError) return true;
  if (error instanceof ScimWatchError && error.code !== 'source_error') return false;
  const text = error instanceof Error ? error.message : String(error);
  if (/network_error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|certificate/i.test(text)) return false;
  return /answered (429|50[0-4])\b|other side closed|terminated|ECONNRESET|socket hang up|JSON|incomplete or malformed/i.test(
    text,
  );
}

/** Turns anything a collector threw into an entry a person can act on (never a stack, never a token). */
function describe(error: unknown): Omit<SyncError, 'source'> {
  if (error instanceof ScimWatchError) return { code: error.code, message: error.message, hint: error.hint };
  return { code: 'source_error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The collectors of one profile as tasks the scheduler runs, sharing one set of clients (rebuilt
 * when settings or secrets change), the resolved Entra target, and the latest result of each.
 */
export class CollectorSession {
  private cached: { fingerprint: string; connections: Connections } | null = null;
  private target: EntraTarget | null = null;
  private readonly state: PollState;
  private readonly context: CollectContext;
  private summaryParts: Omit<SyncSummary, 'errors' | 'requests' | 'startedAt' | 'finishedAt'> = {
    provisioningEvents: { ingested: 0, total: 0 },
    entra: { users: 0, groups: 0, assignments: 0 },
    pulumi: { users: 0, groups: 0, teams: null },
    job: { status: 'NotConfigured' },
  };
  private errors = new Map<PollSource, SyncError>();
  /** Sources whose last failure may pass if asked again (see mayPass). */
  private readonly passing = new Set<PollSource>();

  /** `onAttempted` is told after each source's run, e.g. to push the new status to the UI. */
  constructor(
    private readonly handler: CoreContext,
    private readonly runtime: CollectorRuntime,
    private readonly onAttempted: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.state = new PollState(handler.db);
    this.context = {
      db: handler.db,
      clock: runtime.clock,
      log: handler.log,
      emit: (event, payload) => handler.emit(event, payload),
    };
  }

  /** Every source, in the order a full pass runs them (the target first: the others need it). */
  tasks(): ScheduledTask[] {
    const settings = this.settings();
    // By default: job status every minute, schema and settings hourly (and on every refresh), the rest
    // every five minutes.
    const pollMs = (settings.pollIntervalSeconds ?? 300) * 1000;
    const jobIntervalMs = (settings.jobPollSeconds ?? 60) * 1000;
    const configurationIntervalMs = (settings.configurationPollSeconds ?? 3600) * 1000;
    const task = (source: PollSource, intervalMs: number, run: () => Promise<number | null>) => ({
      source,
      intervalMs,
      run: () => this.attempt(source, run),
    });
    return [
      task('entra.job', jobIntervalMs, async () => {
        const { graph } = await this.entra();
        this.target = await resolveTarget(graph, this.settings(), this.context);
        await this.recordGrants();
        const job = await collectJobStatus(graph, this.target, this.context);
        this.summaryParts.job.status = jobStatusCode(job);
        return 1;
      }),
      task('entra.configuration', configurationIntervalMs, async () => {
        const { graph, target } = await this.entra();
        await collectConfiguration(graph, target, this.context);
        return 2;
      }),
      // The directory reads the stored scope, so it follows the configuration; it precedes the log,
      // whose entries are indexed for search with their users' addresses.
      task('entra.directory', pollMs, async () => {
        const { graph, target } = await this.entra();
        this.summaryParts.entra = await collectDirectory(graph, target, this.context);
        return this.summaryParts.entra.users + this.summaryParts.entra.groups;
      }),
      task('entra.provisioningEvents', pollMs, async () => {
        const { graph, target } = await this.entra();
        const settings = this.settings();
        const events = await collectProvisioningEvents(
          graph,
          target,
          {
            overlapMinutes: settings.logsOverlapMinutes ?? 20,
            backfillDays: settings.backfillDays ?? 30,
            pageSize: settings.logsPageSize,
          },
          this.context,
        );
        this.summaryParts.provisioningEvents = events;
        return events.ingested;
      }),
      task('pulumi.scim', pollMs, async () => {
        const { scim, missing } = await this.connections();
        if (!scim)
          throw new ScimWatchError(
            'not_configured',
            'Pulumi is not configured.',
            missing.pulumi ?? 'Open Settings.',
          );
        const result = await collectPulumiScim(scim, this.context);
        this.summaryParts.pulumi = { ...this.summaryParts.pulumi, ...result };
        return result.users + result.groups;
      }),
      task('pulumi.rest', pollMs, async () => {
        const { rest } = await this.connections();
        // The REST API is optional: without an access token there is nothing to do and nothing wrong.
        if (!rest) return null;
        const result = await collectPulumiRest(rest, this.context);
        this.summaryParts.pulumi.teams = result.teams;
        return result.teams;
      }),
    ];
  }

  /**
   * Runs every source once, in order, and reports what this pass did. A source that failed for a
   * reason that may pass (a fault that outlasted its requests' own retries) runs again, at most twice,
   * one and then two seconds later: one pass should end complete in all but the worst storms.
   */
  async passOnce(run: (sources?: readonly PollSource[]) => Promise<unknown>): Promise<SyncSummary> {
    const startedAt = isoNow(this.runtime.clock);
    const requestsBefore = this.runtime.stats.snapshot();
    this.errors = new Map();
    this.passing.clear();
    await run();
    for (let round = 1; round <= passRetryRounds; round++) {
      const again = [...this.passing];
      if (!again.length) break;
      await this.runtime.clock.sleep(this.runtime.passRetryDelayMs * round);
      await run(again);
    }
    const total = countProvisioningEvents(this.handler.db);
    return {
      ...this.summaryParts,
      provisioningEvents: { ...this.summaryParts.provisioningEvents, total },
      errors: [...this.errors.values()],
      requests: this.runtime.stats.since(requestsBefore),
      startedAt,
      finishedAt: isoNow(this.runtime.clock),
    };
  }

  /** Records the next run (the status bar's "next poll"). */
  scheduled(source: PollSource, at: number): void {
    this.state.scheduled(source, new Date(at).toISOString());
  }

  private async attempt(source: PollSource, run: () => Promise<number | null>): Promise<boolean> {
    let ok: boolean;
    try {
      const items = await this.withFreshCredentialOnRefusal(source, run);
      this.state.succeeded(source, isoNow(this.runtime.clock), items);
      this.errors.delete(source);
      this.passing.delete(source);
      ok = true;
    } catch (error) {
      const described = describe(error);
      const problem =
        error instanceof LicenseMissing || error instanceof PermissionMissing ? error.problem : null;
      this.state.failed(source, isoNow(this.runtime.clock), {
        ...described,
        code: problem ?? described.code,
      });
      this.errors.set(source, { source, ...described });
      if (mayPass(error)) this.passing.add(source);
      else this.passing.delete(source);
      this.handler.log.warn(`${source} failed`, { code: described.code, message: described.message });
      ok = false;
    }
    await this.onAttempted();
    return ok;
  }

  /**
   * A 401 from Graph on a token MSAL still considers valid (revoked sessions, a changed secret) would
   * repeat until the token expires; so would a 403 after the admin granted the missing permission,
   * since a token carries the permissions of the moment it was issued. The clients are rebuilt, with
   * a new credential, and the run tried once more.
   */
  private async withFreshCredentialOnRefusal(source: PollSource, run: () => Promise<number | null>) {
    try {
      return await run();
    } catch (error) {
      const stale =
        error instanceof PermissionMissing ||
        (error instanceof ScimWatchError && error.code === 'unauthorized');
      if (!stale || !source.startsWith('entra.')) throw error;
      this.handler.log.info('Graph refused a cached token; signing in again', { source });
      this.cached = null;
      return run();
    }
  }

  private settings() {
    return currentSettings(this.handler);
  }

  /** The Graph client and the resolved target, or an error saying what is missing. */
  private async entra() {
    const { graph, missing } = await this.connections();
    if (!graph)
      throw new ScimWatchError(
        'not_configured',
        'Entra is not configured.',
        missing.entra ?? 'Open Settings.',
      );
    this.target ??= await resolveTarget(graph, this.settings(), this.context);
    return { graph, target: this.target };
  }

  /** The Graph client, signing in when needed. */
  async graph() {
    return (await this.entra()).graph;
  }

  /**
   * The Graph client and the resolved job for retries and job actions, with what the token grants
   * (stored, so `app.status` can say whether actions are possible without trying one).
   */
  async forActions() {
    const { graph, target } = await this.entra();
    if (!target.jobId)
      throw new ScimWatchError(
        'not_configured',
        'The provisioning app has no synchronization job to act on.',
        'Check the job id in Settings.',
      );
    return {
      graph,
      servicePrincipalId: target.servicePrincipalId,
      jobId: target.jobId,
      grants: await this.recordGrants(),
    };
  }

  /** Reads the token's claims (MSAL's cached token: no request when it is fresh) and stores them. */
  private async recordGrants(): Promise<TokenGrants | null> {
    const { credential, graphScope } = await this.connections();
    const token = await credential?.getToken(graphScope);
    const grants = token ? grantsFromToken(token.token) : null;
    saveDocument(this.handler.db, grantsDocument, grants, isoNow(this.runtime.clock));
    return grants;
  }

  /** Clients are kept between passes (MSAL's token cache lives in them) until settings or secrets change. */
  private async connections(): Promise<Connections> {
    const { profile } = this.handler.config;
    const secrets = await Promise.all(secretNames.map((name) => this.handler.host.secret(profile, name)));
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([this.settings(), secrets]))
      .digest('hex');
    if (this.cached?.fingerprint !== fingerprint) {
      this.cached = { fingerprint, connections: await openConnections(this.handler, this.runtime) };
      this.target = null;
    }
    return this.cached.connections;
  }
}
