import { describe, expect, it } from 'vitest';

import { Scheduler, type ScheduledTask } from '../../electron/core/collectors/scheduler';
import { ManualClock } from '../../electron/core/time/clock';

/** A task that records its runs, returns the given outcomes in turn, and can be held mid-run. */
function task(source: ScheduledTask['source'], intervalMs: number, outcomes: boolean[] = []) {
  const runs: number[] = [];
  let held: Promise<void> | null = null;
  let release = () => undefined as void;
  return {
    source,
    intervalMs,
    runs,
    hold: () => void (held = new Promise<void>((r) => (release = r))),
    release: () => release(),
    run: async () => {
      runs.push(runs.length);
      if (held) await held;
      return outcomes[runs.length - 1] ?? true;
    },
  } satisfies ScheduledTask & Record<string, unknown>;
}

const settle = () => new Promise((r) => setImmediate(r));

describe('the collector scheduler', () => {
  it('runs each source on its own interval and stops cleanly', async () => {
    const clock = new ManualClock();
    const logs = task('entra.provisioningEvents', 300_000);
    const job = task('entra.job', 60_000);
    const scheduler = new Scheduler([logs, job], { clock, jitter: 0 });
    scheduler.start();
    await settle();
    expect([logs.runs.length, job.runs.length]).toEqual([1, 1]);
    await clock.advance(300_000);
    expect([logs.runs.length, job.runs.length]).toEqual([2, 6]);
    await scheduler.stop();
    await clock.advance(600_000);
    expect([logs.runs.length, job.runs.length]).toEqual([2, 6]);
  });

  it('reports the end of a round once, when the last source in flight settles', async () => {
    const clock = new ManualClock();
    const logs = task('entra.provisioningEvents', 300_000);
    const job = task('entra.job', 60_000);
    logs.hold();
    let idle = 0;
    const scheduler = new Scheduler([logs, job], { clock, jitter: 0, onIdle: () => (idle += 1) });
    scheduler.start();
    await settle();
    // The job finished, the logs are still reading: the round is not over.
    expect(idle).toBe(0);
    logs.release();
    await settle();
    expect(idle).toBe(1);
    await scheduler.stop();
  });

  it('backs off exponentially after failures, up to the cap, and recovers after a success', () => {
    const clock = new ManualClock();
    const failing = task('pulumi.scim', 60_000);
    const scheduler = new Scheduler([failing], { clock, jitter: 0, maxBackoffMs: 300_000 });
    const failures = (scheduler as unknown as { failures: Map<string, number> }).failures;
    expect(scheduler.delayFor(failing)).toBe(60_000);
    failures.set('pulumi.scim', 2);
    expect(scheduler.delayFor(failing)).toBe(240_000);
    failures.set('pulumi.scim', 5);
    expect(scheduler.delayFor(failing)).toBe(300_000);
  });

  it('counts failures from real runs and jitters within the spread', async () => {
    const clock = new ManualClock();
    const flaky = task('pulumi.rest', 10_000, [false, false, true]);
    const scheduled: number[] = [];
    const scheduler = new Scheduler([flaky], {
      clock,
      jitter: 0,
      onScheduled: (_s, at) => scheduled.push(at - clock.now()),
    });
    scheduler.start();
    await clock.advance(20_000 + 40_000);
    await settle();
    // Failed, failed (doubling), then succeeded: back to the interval.
    expect(scheduled.slice(0, 3)).toEqual([20_000, 40_000, 10_000]);
    await scheduler.stop();
    const jittered = new Scheduler([flaky], { clock, jitter: 0.1, random: () => 1 });
    expect(jittered.delayFor(flaky)).toBe(11_000);
  });

  it('never runs a source twice at once: refresh-now joins the run in progress', async () => {
    const clock = new ManualClock();
    const slow = task('entra.directory', 60_000);
    slow.hold();
    const scheduler = new Scheduler([slow], { clock, jitter: 0 });
    scheduler.start();
    await settle();
    const refresh = scheduler.runAll();
    await settle();
    expect(slow.runs.length).toBe(1);
    slow.release();
    await refresh;
    expect(slow.runs.length).toBe(1);
    await scheduler.stop();
  });
});
