import type { ReconcileRun, ReconcileTrigger } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import type { Clock } from '../time/clock';
import { reconcile } from './reconcile';
import { loadReconcileInput } from './reconcile-input';
import { recordRun } from './run-store';

/**
 * Runs reconciliation in the writer: on demand, and once per completed poll round (requests made
 * while collectors are still finishing a round are debounced into one run). Runs never overlap.
 */
export class Reconciler {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly handler: CoreContext,
    private readonly clock: Clock,
    private readonly debounceMs = 1_000,
    /** Called after each run a poll triggered (the daily report); its failures are its own. */
    private readonly afterPollRun: (run: ReconcileRun) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Runs now (after any run in progress) and resolves with the recorded run. */
  runNow(trigger: ReconcileTrigger = 'manual'): Promise<ReconcileRun> {
    this.cancelPending();
    const run = this.queue.then(() => this.runOnce(trigger));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Asks for a run soon; several requests within the debounce window make one run. */
  request(): void {
    this.cancelPending();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow('poll')
        .then((run) => this.afterPollRun(run))
        .catch((error: unknown) =>
          this.handler.log.warn('reconciliation failed', {
            message: error instanceof Error ? error.message : String(error),
          }),
        );
    }, this.debounceMs);
  }

  /** Drops a pending request and waits for a run in progress (before the database closes). */
  async stop(): Promise<void> {
    this.cancelPending();
    await this.queue;
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private runOnce(trigger: ReconcileTrigger): ReconcileRun {
    const { db } = this.handler;
    const startedAt = new Date(this.clock.now()).toISOString();
    const result = reconcile(loadReconcileInput(db), currentSettings(this.handler));
    const run = recordRun(db, {
      ...result,
      trigger,
      startedAt,
      finishedAt: new Date(this.clock.now()).toISOString(),
    });
    this.handler.emit('findings.changed', {
      runId: run.id,
      opened: run.opened,
      resolved: run.resolved,
      open: run.counts.findings.total,
    });
    return run;
  }
}
