import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulatedWorld, type EmulatedWorld } from '../../electron/emulators/emulated-world';
import { demoActivity, seedDemo, type DemoPlan } from '../../electron/emulators/scenarios/demo-scenario';

type Entry = {
  sourceIdentity: { id: string };
  provisioningStatusInfo: { status: string; errorInformation: { errorCode: string; reason: string } | null };
};

describe('the demo world', () => {
  let world: EmulatedWorld;
  let plan: DemoPlan;
  const latest = (id: string) =>
    (world.graph.tenant.log.all() as unknown as Entry[]).filter((e) => e.sourceIdentity.id === id).at(-1);

  beforeAll(async () => {
    world = await startEmulatedWorld({ quarantine: { baseEscrowThreshold: 50 } });
    plan = seedDemo(world);
  });
  afterAll(() => world.close());

  it('is healthy in the main after the first cycle, with each planted problem failing as it should', async () => {
    const cycle = await world.engine.runCycle();
    expect(cycle.exported).toBeGreaterThan(200);
    expect(cycle.failed).toBeLessThan(10);
    expect(latest(plan.emailInUse)?.provisioningStatusInfo.errorInformation?.reason).toContain(
      'already in use by another Pulumi account',
    );
    expect(latest(plan.longGroup)?.provisioningStatusInfo.errorInformation?.reason).toContain(
      'Display name is too long',
    );
    expect(latest(plan.withoutMail)?.provisioningStatusInfo.errorInformation?.errorCode).toBe(
      'MandatoryFieldsMissing',
    );
    // The nested group is not assigned and its members are not expanded.
    expect(latest(plan.nestedGroup)).toBeUndefined();
  });

  it('runs 300 cycles of ongoing activity every 200 ms within a minute, without growing memory', async () => {
    const activity = demoActivity(world, 7);
    const rssAt: Record<number, number> = {};
    const started = Date.now();
    for (let cycle = 1; cycle <= 300; cycle++) {
      // Cycles start every 200 ms, as a scheduler would start them.
      await new Promise((r) => setTimeout(r, Math.max(0, started + (cycle - 1) * 200 - Date.now())));
      activity();
      const result = await world.engine.runCycle();
      expect(result.skipped).toBe(false);
      if (cycle === 50 || cycle === 300) {
        global.gc?.();
        rssAt[cycle] = process.memoryUsage().rss;
      }
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThanOrEqual(60_000);
    expect(((rssAt[300] ?? 0) - (rssAt[50] ?? 0)) / 1024 / 1024).toBeLessThan(20);
    // The planted problems are still there, retried every cycle.
    expect(latest(plan.emailInUse)?.provisioningStatusInfo.status).toBe('failure');
  }, 90_000);
});
