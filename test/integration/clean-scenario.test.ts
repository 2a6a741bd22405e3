import { describe, expect, it } from 'vitest';

import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import { cleanDefaults, seedDemo } from '../../electron/emulators/scenarios/demo-scenario';

describe('the clean scenario', () => {
  it('provisions everyone and every team without a single failure', async () => {
    const world = await startEmulatedWorld();
    try {
      seedDemo(world, cleanDefaults);
      const cycle = await world.engine.runCycle();
      expect(cycle.failed).toBe(0);
      expect(cycle.exported).toBeGreaterThan(250);
      const failures = world.graph.tenant.log
        .all()
        .filter((e) => (e.provisioningStatusInfo as { status: string }).status === 'failure');
      expect(failures).toEqual([]);
      expect((await world.engine.runCycle()).exported).toBe(0);
    } finally {
      await world.close();
    }
  });
});
