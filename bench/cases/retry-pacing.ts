import { isFinishedAction } from '../../shared/contract';
import { startDemo } from '../../electron/emulators/demo-runner';
import { addAssignedUser } from '../../electron/emulators/scenarios/world-steps';
import { startBenchCore } from '../bench-core';
import type { BenchCase } from '../harness';

const retries = 100;
const windowMs = 10_000;
const perWindow = 5;
/** The 100th request cannot leave before 19 full windows after the first: 190 s. */
const limitMs = (Math.ceil(retries / perWindow) - 1) * windowMs;

/**
 * 100 retries queued at once through the real core against the emulator enforcing Graph's real
 * provisionOnDemand limit (5 per 10 s), each then verified against the log and Pulumi.
 */
export const retryPacingCase: BenchCase = {
  name: 'actions.retry-pacing',
  description: `${retries} queued retries through provisionOnDemand under Graph's real ${perWindow} requests / 10 s, through MSAL and the Graph client, each verified by collecting both sides again`,
  async run({ workDir }) {
    const demo = await startDemo({ intervalMs: 3_600_000 });
    try {
      const ids = Array.from({ length: retries }, (_, i) =>
        addAssignedUser(demo.world, `paced${i}@contoso.test`),
      );
      await demo.cycle();
      // Verification passes every 10 s (a minute by default), so the last verdict follows the last send soon.
      const core = await startBenchCore(demo, workDir, { SCIMWATCH_VERIFY_EVERY_MS: '10000' });
      try {
        await core.call('sync.run', {});
        const limiter = demo.world.graph.context.onDemandLimiter;
        const rejected = limiter.rejected;
        const started = Date.now();
        const { queued, batchId } = await core.call('retry.run', {
          objects: ids.map((entraId) => ({ entraId })),
        });
        for (;;) {
          const page = await core.call('actions.list', { filter: { batchId: batchId ?? 0 }, limit: 500 });
          if (page.items.length === queued.length && page.items.every((a) => isFinishedAction(a.state))) {
            const sent = page.items.map((a) => Date.parse(a.sentAt ?? '')).sort((a, b) => a - b);
            const lastSent = (sent.at(-1) ?? 0) - started;
            const completed = Date.now() - started;
            const verified = page.items.filter((a) => a.state === 'verified_succeeded').length;
            return {
              status: 'ok',
              figures: [
                {
                  name: 'all 100 complete (sent, answered and verified) / the time the limit implies',
                  value: Number((completed / limitMs).toFixed(3)),
                  unit: '×',
                  target: { better: 'lower', value: 1.1 },
                },
                {
                  name: 'last request sent / the time the limit implies',
                  value: Number((lastSent / limitMs).toFixed(3)),
                  unit: '×',
                },
                { name: 'last request sent after', value: Math.round(lastSent / 1000), unit: 's' },
                { name: 'all verified after', value: Math.round(completed / 1000), unit: 's' },
                { name: 'verified succeeded', value: verified, unit: `of ${retries}` },
                {
                  name: '429s caused',
                  value: limiter.rejected - rejected,
                  unit: 'responses',
                  target: { better: 'lower', value: 0 },
                },
              ],
              notes: [
                `The limit implies ${limitMs / 1000} s: the ${retries}th request can leave only after ${Math.ceil(retries / perWindow) - 1} full windows.`,
              ],
            };
          }
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      } finally {
        await core.close();
      }
    } finally {
      await demo.stop();
    }
  },
};
