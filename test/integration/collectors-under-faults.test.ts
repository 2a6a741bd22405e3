import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { profileDatabasePath } from '../../electron/core/profiles/profile-registry';
import {
  catalogIntervalMs,
  startCatalogWorld,
  type CatalogWorld,
} from '../../electron/emulators/scenarios/catalog';
import { addAssignedGroup, addAssignedUser } from '../../electron/emulators/scenarios/world-steps';
import { makeTempDir } from '../helpers/temp-dir';
import { watchWorld } from '../helpers/watched-world';

/** About 15 % 429s, 10 % 5xx, 5 % connections dropped mid-answer, 5 % bodies cut short — on both sides. */
const faultMix = { rate429: 0.15, rate503: 0.1, dropRate: 0.05, truncateRate: 0.05, retryAfterSeconds: 0 };

describe('one collector pass under a storm of faults', () => {
  let world: CatalogWorld;
  beforeAll(async () => {
    world = await startCatalogWorld();
    const users = Array.from({ length: 12 }, (_, i) => addAssignedUser(world, `storm${i}@contoso.test`));
    addAssignedGroup(world, 'Storm A', users.slice(0, 6));
    addAssignedGroup(world, 'Storm B', users.slice(6));
    for (let i = 0; i < 3; i++) {
      world.advance(catalogIntervalMs);
      await world.engine.runCycle();
    }
  });
  afterAll(() => world.close());

  it('ends complete with exactly the world’s log in at least 9 of 10 fresh syncs', async () => {
    const logSize = world.graph.tenant.log.size;
    const outcomes: string[] = [];
    let retried = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const dir = makeTempDir();
      // The wait between a pass's rounds is shrunk from a second by watchWorld, as windows are elsewhere.
      const watched = await watchWorld(world, dir.path);
      try {
        // Faults only while ScimWatch reads (the engine stands still), seeded so a run can be replayed.
        world.graph.faults.reset(seed);
        world.pulumi.faults.reset(seed + 100);
        world.graph.faults.update(faultMix);
        world.pulumi.faults.update(faultMix);
        const { summary } = await watched.sync();
        world.graph.faults.reset();
        world.pulumi.faults.reset();
        const db = new Database(profileDatabasePath(dir.path, 'default'), { readonly: true });
        const stored = db.prepare('SELECT count(*) FROM provisioning_events').pluck().get() as number;
        db.close();
        retried += summary.requests.retried;
        expect(summary.requests.sent).toBeGreaterThan(summary.requests.failed);
        outcomes.push(
          summary.errors.length === 0 && stored === logSize
            ? 'complete'
            : `seed ${seed}: ${stored}/${logSize} entries, ${summary.errors.map((e) => `${e.source}: ${e.message}`).join('; ')}`,
        );
      } finally {
        world.graph.faults.reset();
        world.pulumi.faults.reset();
        await watched.core.close();
        dir.remove();
      }
    }
    expect(outcomes.filter((o) => o === 'complete').length, outcomes.join('\n')).toBeGreaterThanOrEqual(9);
    // The faults really happened, and were asked again rather than given up on.
    expect(world.graph.faults.injected[429] + world.pulumi.faults.injected[429]).toBeGreaterThan(0);
    expect(retried).toBeGreaterThan(0);
  }, 120_000);
});
