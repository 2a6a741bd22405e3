import { createRuntime, type CollectorRuntime } from '../collectors/connections';
import { syncOnce } from '../collectors/sync-once';
import type { HandlerTable } from './context';

/** One runtime per writer worker: the budgets must be shared by every pass, or pacing means nothing. */
let runtime: CollectorRuntime | undefined;
/** A second `sync.run` while one is running joins it instead of polling beside it. */
let running: ReturnType<typeof syncOnce> | undefined;

export const syncHandlers: HandlerTable = {
  'sync.run': async (_input, context) => {
    runtime ??= createRuntime();
    running ??= syncOnce(context, runtime).finally(() => (running = undefined));
    const summary = await running;
    const failed = summary.errors.length;
    return {
      started: true,
      message: failed
        ? `Sync finished with ${failed} source error(s): ${summary.errors.map((e) => `${e.source}: ${e.message}`).join('; ')}`
        : `Sync finished: ${summary.provisioningEvents.ingested} new provisioning events, ${summary.entra.users} Entra users, ${summary.pulumi.users} Pulumi users.`,
      summary,
    };
  },
};
