import {
  ScimWatchError,
  type ActionRow,
  type ParsedInputOf,
  type RetryEnqueued,
  type RetryQueueState,
} from '../../../shared/contract';
import { resetScopeLabels } from '../../../shared/labels';
import { writeAccessOf } from '../entra/token-grants';
import { ActionsRepo } from '../store/actions-repo';
import { RetryQueueRepo } from '../store/retry-queue-repo';
import { failedTargets, planRetries, type LiveUser, type RetryTarget } from './retry-plan';

/** Up to this many users are read from Graph before planning (15 a request); larger batches use the store. */
const maxLiveReads = 150;
import { RetryRunner, type ActionPorts, type RetryTimings } from './retry-runner';

/**
 * Everything ScimWatch does to the tenant, for one profile in the writer: retries queued, paused,
 * cancelled and re-sent, and the job's start, pause and restart. Each is recorded with who asked;
 * nothing is attempted without the write permission the token's claims show.
 */
export class ActionService {
  private readonly actions: ActionsRepo;
  private readonly queue: RetryQueueRepo;
  private readonly runner: RetryRunner;

  constructor(
    private readonly ports: ActionPorts,
    /** Who acts: the OS user, or the operator `scimwatch serve` was started with; null refuses every action. */
    private readonly actor: string | null,
    timings?: RetryTimings,
  ) {
    this.actions = new ActionsRepo(ports.db);
    this.queue = new RetryQueueRepo(ports.db);
    this.runner = new RetryRunner(ports, timings);
  }

  /** After a restart: settle what was in flight, resume the queue. */
  resume(): void {
    this.runner.resume();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** Resolves once the queue is empty and every sent retry is judged (the CLI waits on it). */
  settled(): Promise<void> {
    return this.runner.kick();
  }

  async retry(input: ParsedInputOf<'retry.run'>): Promise<RetryEnqueued> {
    const actor = await this.mayAct();
    const targets: RetryTarget[] = input.objects
      ? input.objects
      : failedTargets(this.ports.db, input.cause ?? null);
    if (targets.length === 0)
      throw new ScimWatchError(
        'not_found',
        input.cause ? `No open failure has the cause ${input.cause}.` : 'No open failure to retry.',
        'The Failures and Drift pages list what is open.',
      );
    return await this.enqueue(targets, actor, input.force);
  }

  /** Sends a finished retry again as a new action that names the one it repeats. */
  async resend(actionId: number): Promise<RetryEnqueued> {
    const actor = await this.mayAct();
    const previous = this.actions.get(actionId);
    if (!previous || previous.kind !== 'retry' || !previous.entraId)
      throw new ScimWatchError(
        'not_found',
        `No retry has the id ${actionId}.`,
        'Pick one from the actions list.',
      );
    if (!['outcome_unknown', 'unverified', 'verified_failed', 'failed', 'cancelled'].includes(previous.state))
      throw new ScimWatchError(
        'invalid_input',
        `Retry ${actionId} is ${previous.state.replace('_', ' ')}; only a finished retry that did not succeed is sent again.`,
        'Wait for it to end.',
      );
    const queued = this.actions.insert(
      [
        {
          kind: 'retry',
          actor,
          objectType: previous.objectType ?? 'user',
          entraId: previous.entraId,
          displayName: previous.displayName,
          findingKey: previous.findingKey,
          cause: previous.cause,
          memberIds: previous.memberIds,
          forced: true,
          resendOf: previous.id,
        },
      ],
      'queued',
      this.isoNow(),
      false,
    );
    for (const row of queued) this.ports.updated(row);
    void this.runner.kick();
    return { batchId: null, queued, refused: [] };
  }

  control(action: 'pause' | 'resume' | 'cancel', batchId?: number): RetryQueueState {
    const actor = this.actor ?? 'unknown';
    if (action === 'cancel') {
      const cancelled = this.actions.cancelQueued(
        batchId ?? null,
        this.isoNow(),
        `Cancelled by ${actor} before it was sent.`,
      );
      for (const id of cancelled) {
        const row = this.actions.get(id);
        if (row) this.ports.updated(row);
      }
    } else {
      this.queue.setPaused(action === 'pause', actor, this.isoNow());
      if (action === 'resume') void this.runner.kick();
    }
    return this.status();
  }

  status(): RetryQueueState {
    return { paused: this.queue.paused(), ...this.actions.counts() };
  }

  /** Starts, pauses or restarts the job now, recorded like a retry (sending first, then the answer). */
  async job(input: ParsedInputOf<'job.run'>): Promise<ActionRow> {
    const actor = await this.mayAct();
    const kind = `job.${input.action}` as const;
    const { graph, servicePrincipalId, jobId } = await this.ports.entra();
    const [row] = this.actions.insert([{ kind, actor }], 'queued', this.isoNow(), false);
    const id = row!.id;
    const request = { action: input.action, resetScope: input.resetScopes.join(', ') };
    this.actions.markSending(id, request, this.isoNow(), 0);
    try {
      if (input.action === 'start') await graph.startJob(servicePrincipalId, jobId);
      else if (input.action === 'pause') await graph.pauseJob(servicePrincipalId, jobId);
      else await graph.restartJob(servicePrincipalId, jobId, input.resetScopes);
      const scopes = input.resetScopes.map((s) => resetScopeLabels[s]).join('; ');
      this.actions.markAnswered(
        id,
        'done',
        null,
        input.action === 'restart'
          ? `Graph accepted the restart${scopes ? ` (${scopes})` : ' (the portal’s plain restart)'}.`
          : `Graph accepted the ${input.action}.`,
        this.isoNow(),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.actions.markAnswered(id, 'failed', { error: message }, `Graph refused: ${message}`, this.isoNow());
    }
    const done = this.actions.get(id)!;
    this.ports.updated(done);
    return done;
  }

  private async enqueue(targets: RetryTarget[], actor: string, force: boolean): Promise<RetryEnqueued> {
    const live = await this.liveUsers(targets);
    const { actions, refused } = planRetries(this.ports.db, targets, { actor, force, live });
    const queued = actions.length ? this.actions.insert(actions, 'queued', this.isoNow(), true) : [];
    for (const row of queued) this.ports.updated(row);
    if (queued.length) void this.runner.kick();
    return { batchId: queued[0]?.batchId ?? null, queued, refused };
  }

  /**
   * The users among the targets as Graph holds them now, so the checks see a fix made since the last
   * poll; null when Graph cannot say (the stored state is used then).
   */
  private async liveUsers(targets: RetryTarget[]): Promise<Map<string, LiveUser> | undefined> {
    const ids = targets.filter((t) => t.objectType !== 'group').map((t) => t.entraId);
    if (ids.length === 0 || ids.length > maxLiveReads) return undefined;
    try {
      const { graph } = await this.ports.entra();
      const users = await graph.users(ids, ['id', 'mail', 'accountEnabled', 'displayName']);
      return new Map(
        users.map((u) => [
          String(u.id),
          {
            mail: typeof u.mail === 'string' ? u.mail : null,
            accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : null,
            displayName: typeof u.displayName === 'string' ? u.displayName : null,
          },
        ]),
      );
    } catch (error) {
      this.ports.log.warn('retry checks use the stored directory', { error: String(error) });
      return undefined;
    }
  }

  /** The actor, once the token's claims show ScimWatch may write; otherwise the reason, as an error. */
  private async mayAct(): Promise<string> {
    if (!this.actor)
      throw new ScimWatchError(
        'forbidden',
        'This server was started without an operator name, so ScimWatch cannot record who acts.',
        'Start it with `scimwatch serve --operator "Your Name"` (or SCIMWATCH_OPERATOR).',
      );
    const access = writeAccessOf((await this.ports.entra()).grants);
    if (!access.allowed)
      throw new ScimWatchError('forbidden', 'ScimWatch may only read this tenant.', access.reason ?? '');
    return this.actor;
  }

  private isoNow(): string {
    return new Date(this.ports.clock.now()).toISOString();
  }
}
