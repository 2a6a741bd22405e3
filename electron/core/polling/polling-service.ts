import type {
  ConnectionReport,
  ReconcileRun,
  ReconcileTrigger,
  SyncRunResult,
} from '../../../shared/contract';
import { ActionService } from '../actions/action-service';
import { defaultRetryTimings } from '../actions/retry-runner';
import { verifyKey } from '../collectors/budget-overrides';
import { CollectorSession } from '../collectors/collector-session';
import { testConnection } from '../collectors/connection-test';
import { createRuntime, type CollectorRuntime } from '../collectors/connections';
import { Scheduler } from '../collectors/scheduler';
import type { CoreContext } from '../context';
import { Reconciler } from '../reconcile/reconciler';
import { writeDailyReport } from '../reports/daily-report';
import { buildStatus } from '../status/app-status';

/**
 * The writer's collecting and reconciling for one profile. One session and one runtime serve every
 * pass, or pacing and token caching would mean nothing. The scheduler runs only in pollers (the
 * server and the desktop app, which hold the profile lock); a one-off sync works either way.
 */
export class PollingService {
  private readonly runtime: CollectorRuntime;
  private readonly session: CollectorSession;
  private readonly reconciler: Reconciler;
  private scheduler: Scheduler | undefined;
  private actionService: ActionService | undefined;

  constructor(private readonly context: CoreContext) {
    this.runtime = createRuntime(context.config.budgetOverrides);
    // Every source's run changes the status bar: the new status goes out after each.
    this.session = new CollectorSession(context, this.runtime, async () =>
      context.emit('status.changed', await buildStatus(context)),
    );
    this.reconciler = new Reconciler(context, this.runtime.clock, undefined, (run) =>
      writeDailyReport(context, this.runtime.clock, run),
    );
  }

  /**
   * Retries and job actions, on this service's clients. Built on first use, when it also settles what
   * a crash left in flight and resumes the queue.
   */
  actions(): ActionService {
    if (this.actionService) return this.actionService;
    const { context, runtime } = this;
    const verifyEveryMs =
      context.config.budgetOverrides[verifyKey]?.windowMs ?? defaultRetryTimings.verifyEveryMs;
    this.actionService = new ActionService(
      {
        db: context.db,
        clock: runtime.clock,
        log: context.log,
        entra: () => this.session.forActions(),
        collect: async () => void (await this.syncOnce()),
        updated: (action) => {
          if (action.kind === 'retry')
            context.emit('retry.updated', {
              actionId: action.id,
              batchId: action.batchId,
              state: action.state,
              message: (action.message ?? '').slice(0, 1000),
            });
          context.emit('actions.changed', { actionId: action.id });
        },
      },
      context.config.actor,
      // Twenty passes before a retry is unverified: 20 minutes by default (real logs lag by minutes).
      { verifyEveryMs, verifyTimeoutMs: verifyEveryMs * 20 },
    );
    this.actionService.resume();
    return this.actionService;
  }

  /** Starts polling every source on its interval, and resumes the retry queue. */
  start(): void {
    if (this.scheduler) return;
    this.actions();
    this.scheduler = new Scheduler(this.session.tasks(), {
      clock: this.runtime.clock,
      onScheduled: (source, at) => this.session.scheduled(source, at),
      // Once per completed round, debounced: sources finishing one after another make one run.
      onIdle: () => this.reconciler.request(),
    });
    this.scheduler.start();
  }

  /** Cancels waits and requests, and resolves once every run has settled (before the database closes). */
  async stop(): Promise<void> {
    await this.actionService?.stop();
    await this.scheduler?.stop();
    this.scheduler = undefined;
    await this.reconciler.stop();
  }

  /** The Graph client, for the questions the store cannot answer (Lookup's nested groups). */
  async graph() {
    return this.session.graph();
  }

  testConnection(): Promise<ConnectionReport> {
    return testConnection(this.context, this.runtime);
  }

  reconcileNow(trigger: ReconcileTrigger): Promise<ReconcileRun> {
    return this.reconciler.runNow(trigger);
  }

  /** One pass of every source now (joining runs in progress when polling), then a reconciliation. */
  async syncOnce(): Promise<SyncRunResult> {
    const runner = this.scheduler ?? new Scheduler(this.session.tasks(), { clock: this.runtime.clock });
    const summary = await this.session.passOnce((sources) =>
      sources ? runner.runSome(sources) : runner.runAll(),
    );
    const failed = summary.errors.length;
    const run = await this.reconcileNow(this.scheduler ? 'poll' : 'manual');
    return {
      run,
      started: true,
      message: failed
        ? `Sync finished with ${failed} source error(s): ${summary.errors.map((e) => `${e.source}: ${e.message}`).join('; ')}`
        : `Sync finished: ${summary.provisioningEvents.ingested} new provisioning events, ${summary.entra.users} Entra users, ${summary.pulumi.users} Pulumi users.`,
      summary,
    };
  }
}
