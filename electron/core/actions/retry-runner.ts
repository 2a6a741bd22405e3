import type Database from 'better-sqlite3';

import { ScimWatchError, type ActionRow, type ActionState } from '../../../shared/contract';
import { crashPoint } from '../collectors/crash-points';
import type { EntraGraph } from '../entra/graph-api';
import type { TokenGrants } from '../entra/token-grants';
import { writeAccessOf } from '../entra/token-grants';
import type { Logger } from '../log/logger';
import { ActionsRepo } from '../store/actions-repo';
import { latestSnapshot } from '../store/configuration-snapshots-repo';
import { RetryQueueRepo } from '../store/retry-queue-repo';
import type { Clock } from '../time/clock';
import { readOnDemandAnswer } from './on-demand-answer';
import { retryVerdict } from './retry-verdict';

/** What the queue needs from the rest of the writer, injected so it never reaches up to the polling service. */
export interface ActionPorts {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  /** The Graph client and target (signing in when needed) and what the token grants. */
  entra(): Promise<{
    graph: EntraGraph;
    servicePrincipalId: string;
    jobId: string;
    grants: TokenGrants | null;
  }>;
  /** One collection pass of both sides and a reconciliation (joining one in progress). */
  collect(): Promise<void>;
  updated(action: ActionRow): void;
}

export interface RetryTimings {
  /** Between verification passes while retries await their log entries. */
  verifyEveryMs: number;
  /** How long a sent retry waits to be judged before it is unverified (real logs lag by minutes). */
  verifyTimeoutMs: number;
}

export const defaultRetryTimings: RetryTimings = { verifyEveryMs: 60_000, verifyTimeoutMs: 20 * 60_000 };

/**
 * Sends queued retries one at a time (provisionOnDemand's budget paces them in the Graph client) and
 * verifies what was sent by collecting both sides again. One loop at a time; pausing stops sending,
 * never verifying. On start, whatever was caught mid-request by a crash becomes `outcome_unknown`.
 */
export class RetryRunner {
  private readonly actions: ActionsRepo;
  private readonly queue: RetryQueueRepo;
  private sender: Promise<void> | null = null;
  private verifier: Promise<void> | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly ports: ActionPorts,
    private readonly timings: RetryTimings = defaultRetryTimings,
  ) {
    this.actions = new ActionsRepo(ports.db);
    this.queue = new RetryQueueRepo(ports.db);
  }

  /** Settles what a crash left in flight, then resumes the queue. */
  resume(): void {
    for (const row of this.actions.markInFlightUnknown(this.isoNow())) this.changed(row.id);
    void this.kick();
  }

  /**
   * Starts sending and verifying unless they run; resolves when the queue is empty and nothing awaits
   * verification. Verifying runs beside sending, so a long batch is paced by Graph's limit alone.
   */
  kick(): Promise<void> {
    const failed = (what: string) => (error: unknown) =>
      this.ports.log.error(`retry queue ${what} stopped`, { error: String(error) });
    this.sender ??= this.sendAll()
      .catch(failed('sending'))
      .finally(() => {
        this.sender = null;
      });
    this.verifier ??= this.verifyAll()
      .catch(failed('verification'))
      .finally(() => {
        this.verifier = null;
      });
    return Promise.all([this.sender, this.verifier]).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error('stopping'));
    await Promise.all([this.sender, this.verifier]);
  }

  private async sendAll(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const next = this.queue.paused() ? undefined : this.actions.nextQueued();
      if (!next) return;
      // Graph could not be reached or signed in to: nothing was sent; the item waits its turn.
      if (!(await this.send(next))) await this.pause(this.timings.verifyEveryMs);
    }
  }

  /** Collects both sides every interval while anything is being sent or awaits its verdict. */
  private async verifyAll(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      if (!this.sender && this.actions.verifying().length === 0) return;
      await this.pause(this.timings.verifyEveryMs);
      if (this.actions.verifying().length > 0) await this.verify();
    }
  }

  private pause(ms: number): Promise<void> {
    return this.ports.clock.sleep(ms, this.stopping.signal).catch(() => undefined);
  }

  /** Sends one item and stores the answer; false when Graph could not be reached (nothing sent). */
  private async send(item: ActionRow): Promise<boolean> {
    let entra: Awaited<ReturnType<ActionPorts['entra']>>;
    try {
      entra = await this.ports.entra();
    } catch (error) {
      this.ports.log.warn('retry waits: Graph unavailable', { error: String(error) });
      return false;
    }
    const access = writeAccessOf(entra.grants);
    if (!access.allowed) return this.end(item, ['queued'], 'failed', `Not sent. ${access.reason}`);
    const ruleId = ruleIdFor(this.ports.db, item.objectType === 'group' ? 'Group' : 'User');
    if (!ruleId)
      return this.end(item, ['queued'], 'failed', "Not sent: the job's schema has not been read yet.");
    const subject = {
      objectId: item.entraId ?? '',
      objectTypeName: item.objectType === 'group' ? ('Group' as const) : ('User' as const),
      memberIds: item.memberIds,
    };
    crashPoint('retry.before-send');
    const logSeq = (this.ports.db.prepare('SELECT max(seq) FROM provisioning_events').pluck().get() ??
      0) as number;
    if (!this.actions.markSending(item.id, { ruleId, subject }, this.isoNow(), logSeq)) return true;
    this.changed(item.id);
    try {
      const response = await entra.graph.provisionOnDemand(
        entra.servicePrincipalId,
        entra.jobId,
        ruleId,
        subject,
      );
      crashPoint('retry.after-send');
      const answer = readOnDemandAnswer(response);
      this.actions.markAnswered(item.id, 'verifying', response, `${answer.message} Verifying…`, null);
    } catch (error) {
      const refused = error instanceof ScimWatchError && graphRefused(error);
      const message = error instanceof Error ? error.message : String(error);
      this.actions.markAnswered(
        item.id,
        refused ? 'failed' : 'outcome_unknown',
        { error: message },
        refused
          ? `Graph refused it, so nothing changed: ${message}`
          : `The request may or may not have reached Graph: ${message}. Check the log, then send it again if needed.`,
        this.isoNow(),
      );
    }
    this.changed(item.id);
    return true;
  }

  private async verify(): Promise<void> {
    try {
      await this.ports.collect();
    } catch (error) {
      this.ports.log.warn('verification pass failed', { error: String(error) });
    }
    crashPoint('retry.verifying');
    for (const retry of this.actions.verifying()) {
      const verdict = retryVerdict(
        this.ports.db,
        retry,
        this.ports.clock.now(),
        this.timings.verifyTimeoutMs,
      );
      if (verdict) this.end(retry, ['verifying'], verdict.state, verdict.message, verdict.cause);
    }
  }

  private end(
    item: ActionRow,
    from: ActionState[],
    state: ActionState,
    message: string,
    cause: ActionRow['outcomeCause'] = null,
  ): true {
    if (this.actions.finish(item.id, from, state, message, this.isoNow(), cause)) this.changed(item.id);
    return true;
  }

  private changed(id: number): void {
    const row = this.actions.get(id);
    if (row) this.ports.updated(row);
  }

  private isoNow(): string {
    return new Date(this.ports.clock.now()).toISOString();
  }
}

/** A refusal Graph answered (the request was understood and not acted on), as opposed to a lost answer. */
function graphRefused(error: ScimWatchError): boolean {
  return (
    ['forbidden', 'unauthorized', 'invalid_input', 'not_found'].includes(error.code) ||
    /answered (4\d\d)|could not find|throttling/i.test(error.message)
  );
}

/** The schema's rule for users or groups (the job's one rule in Pulumi's template). */
export function ruleIdFor(db: Database.Database, sourceObject: 'User' | 'Group'): string | null {
  const body = latestSnapshot(db, 'schema_snapshots')?.body;
  if (!body) return null;
  const schema = JSON.parse(body) as {
    synchronizationRules?: { id?: string; objectMappings?: { sourceObjectName?: string }[] }[];
  };
  const rules = schema.synchronizationRules ?? [];
  const rule =
    rules.find((r) => r.objectMappings?.some((m) => m.sourceObjectName === sourceObject)) ?? rules[0];
  return rule?.id ?? null;
}
