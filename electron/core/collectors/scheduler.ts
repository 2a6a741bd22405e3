import type { Clock } from '../time/clock';
import type { PollSource } from '../store/poll-state-repo';

/** One source's work: resolves true when it succeeded (failures back off), never rejects. */
export interface ScheduledTask {
  source: PollSource;
  intervalMs: number;
  run(signal: AbortSignal): Promise<boolean>;
}

export interface SchedulerOptions {
  clock: Clock;
  /** Spread of each delay, ± this share, so many installs (or sources) never poll in lockstep. */
  jitter?: number;
  /** The longest wait after repeated failures. */
  maxBackoffMs?: number;
  random?: () => number;
  /** Told when each source will run next (poll_state.next_run_at, the status bar). */
  onScheduled?: (source: PollSource, at: number) => void;
  /** Told when the last run in progress settles: a poll round is complete (reconciliation follows). */
  onIdle?: () => void;
}

/**
 * Runs each source on its own interval, with jitter and exponential backoff after failures. A source
 * never runs twice at once: "refresh now" joins a run in progress instead of starting another.
 * `stop()` aborts waits and in-flight requests and resolves once everything has settled.
 */
export class Scheduler {
  private readonly controller = new AbortController();
  private readonly inFlight = new Map<PollSource, Promise<boolean>>();
  private readonly failures = new Map<PollSource, number>();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly tasks: readonly ScheduledTask[],
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    for (const task of this.tasks) this.loops.push(this.loop(task));
  }

  /** Runs every source now, in order (each joins its own run if one is in progress). */
  async runAll(): Promise<boolean[]> {
    return this.runSome(this.tasks.map((task) => task.source));
  }

  /** Runs the named sources now, in the order of the task list (joining runs in flight). */
  async runSome(sources: readonly PollSource[]): Promise<boolean[]> {
    const results: boolean[] = [];
    for (const task of this.tasks) if (sources.includes(task.source)) results.push(await this.runOnce(task));
    return results;
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('ScimWatch is stopping'));
    await Promise.allSettled([...this.loops, ...this.inFlight.values()]);
  }

  /** The wait before a source's next run: its interval, doubled per failure in a row, jittered. */
  delayFor(task: ScheduledTask): number {
    const failures = this.failures.get(task.source) ?? 0;
    const base = Math.min(task.intervalMs * 2 ** failures, this.options.maxBackoffMs ?? 3_600_000);
    const jitter = this.options.jitter ?? 0.1;
    const random = this.options.random ?? Math.random;
    return Math.max(0, Math.round(base * (1 + jitter * (2 * random() - 1))));
  }

  private runOnce(task: ScheduledTask): Promise<boolean> {
    const current = this.inFlight.get(task.source);
    if (current) return current;
    const run = task
      .run(this.controller.signal)
      .catch(() => false)
      .then((ok) => {
        if (ok) this.failures.delete(task.source);
        else this.failures.set(task.source, (this.failures.get(task.source) ?? 0) + 1);
        return ok;
      })
      .finally(() => {
        this.inFlight.delete(task.source);
        if (this.inFlight.size === 0 && !this.controller.signal.aborted) this.options.onIdle?.();
      });
    this.inFlight.set(task.source, run);
    return run;
  }

  private async loop(task: ScheduledTask): Promise<void> {
    const { signal } = this.controller;
    while (!signal.aborted) {
      await this.runOnce(task);
      if (signal.aborted) return;
      const delay = this.delayFor(task);
      this.options.onScheduled?.(task.source, this.options.clock.now() + delay);
      try {
        await this.options.clock.sleep(delay, signal);
      } catch {
        return;
      }
    }
  }
}
