import type { FindingKind } from '../../../../shared/finding-kinds';
import { addAssignedUser, jobStatus } from '../world-steps';
import { catalogIntervalMs, type CatalogRecipe, type CatalogWorld } from './catalog-world';

type JobKind = Extract<FindingKind, `job.${string}`>;

/** Cycles at Entra's pace: the clock moves one interval before each. */
async function cyclesAtInterval(world: CatalogWorld, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    world.advance(catalogIntervalMs);
    await world.engine.runCycle();
  }
}

/** One world per job finding. */
export const jobCases: Record<JobKind, CatalogRecipe> = {
  'job.quarantined': async (world) => {
    addAssignedUser(world, 'rae@contoso.test');
    await world.engine.runCycle();
    // Pulumi's token regenerated without updating Entra's Secret Token: every call gets 401.
    world.pulumi.org.regenerateScimToken();
    addAssignedUser(world, 'sol@contoso.test');
    await cyclesAtInterval(world, 3);
    return {};
  },
  'job.not_running': async (world) => {
    addAssignedUser(world, 'tia@contoso.test');
    await world.engine.runCycle();
    jobStatus(world).code = 'Paused';
    return {};
  },
  'job.stalled': async (world) => {
    addAssignedUser(world, 'uma@contoso.test');
    await world.engine.runCycle();
    // Pulumi stops answering: cycles keep running, none succeeds, for more than three intervals. It
    // names no time to come back (no wait in Retry-After), as an outage often does not.
    world.pulumi.faults.update({ rate503: 1, retryAfterSeconds: 0 });
    addAssignedUser(world, 'vic@contoso.test');
    await cyclesAtInterval(world, 4);
    return {};
  },
  'job.near_quarantine': async (world) => {
    // Seven of twelve users have no mail, which the guide made required: seven escrowed failures,
    // below the (scaled) base threshold of ten, so no quarantine yet.
    for (let i = 0; i < 12; i++) addAssignedUser(world, `w${i}@contoso.test`, i < 7 ? { mail: null } : {});
    await world.engine.runCycle();
    return {};
  },
};
