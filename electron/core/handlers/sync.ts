import { CollectorSession } from '../collectors/collector-session';
import { testConnection } from '../collectors/connection-test';
import { createRuntime, type CollectorRuntime } from '../collectors/connections';
import { Scheduler } from '../collectors/scheduler';
import { Reconciler } from '../reconcile/reconciler';
import type { HandlerContext, HandlerTable } from './context';

/**
 * One collector session per writer worker (one profile): its budgets and clients must be shared by
 * every pass, or pacing and token caching mean nothing. The scheduler runs only in pollers (the
 * server and the desktop app, which hold the profile lock); `sync.run` works either way.
 */
let session: CollectorSession | undefined;
let scheduler: Scheduler | undefined;
let runtime: CollectorRuntime | undefined;
let reconciler: Reconciler | undefined;
const runtimeOf = (context: HandlerContext) => (runtime ??= createRuntime(context.config.budgetOverrides));
const reconcilerOf = (context: HandlerContext) =>
  (reconciler ??= new Reconciler(context, runtimeOf(context).clock));

function sessionFor(context: HandlerContext): CollectorSession {
  session ??= new CollectorSession(context, runtimeOf(context));
  return session;
}

/** Starts polling every source on its interval (called by the host for pollers). */
export function startPolling(context: HandlerContext): void {
  if (scheduler) return;
  const current = sessionFor(context);
  scheduler = new Scheduler(current.tasks(), {
    clock: runtimeOf(context).clock,
    onScheduled: (source, at) => current.scheduled(source, at),
    // Once per completed round, debounced: sources finishing one after another make one run.
    onIdle: () => reconcilerOf(context).request(),
  });
  scheduler.start();
}

/** Cancels waits and requests, and resolves once every run has settled (before the database closes). */
export async function stopPolling(): Promise<void> {
  await scheduler?.stop();
  scheduler = undefined;
  await reconciler?.stop();
}

export const syncHandlers: HandlerTable = {
  'connection.test': (_input, context) => testConnection(context, runtimeOf(context)),
  'reconcile.run': (_input, context) => reconcilerOf(context).runNow('manual'),
  'sync.run': async (_input, context) => {
    const current = sessionFor(context);
    // Refresh now: with a scheduler, runs join any in progress; without one, a one-off pass.
    const runner = scheduler ?? new Scheduler(current.tasks(), { clock: runtimeOf(context).clock });
    const summary = await current.passOnce(() => runner.runAll());
    const failed = summary.errors.length;
    const run = await reconcilerOf(context).runNow(scheduler ? 'poll' : 'manual');
    return {
      run,
      started: true,
      message: failed
        ? `Sync finished with ${failed} source error(s): ${summary.errors.map((e) => `${e.source}: ${e.message}`).join('; ')}`
        : `Sync finished: ${summary.provisioningEvents.ingested} new provisioning events, ${summary.entra.users} Entra users, ${summary.pulumi.users} Pulumi users.`,
      summary,
    };
  },
};
