/**
 * Writes test/fixtures/causes.json: for each failure cause, the errorCode and reason the provisioning
 * engine produces from the Pulumi emulator's actual answer. The collectors' classifier replays it.
 * Run: node scripts/run-ts.mjs scripts/record-causes.ts
 */
import { writeFileSync } from 'node:fs';

import { startEmulatedWorld } from '../electron/emulators/emulated-world';
import { causeRecipes, type RecipeCause } from '../electron/emulators/scenarios/cause-recipes';

// A clock that ticks a second per reading from a fixed instant, so the file is the same each run. The
// instant is written into the file: the test re-dates the retry dates Entra quotes relative to it.
const clockStart = Date.UTC(2026, 10, 1, 9, 0, 0);
const tickingClock = () => {
  let t = clockStart;
  return () => (t += 1000);
};
const causes: Record<string, unknown> = {};
for (const [cause, recipe] of Object.entries(causeRecipes) as [
  RecipeCause,
  (typeof causeRecipes)[RecipeCause],
][]) {
  const world = await startEmulatedWorld({ now: tickingClock() });
  try {
    const subject = await recipe(world);
    const entry = world.graph.tenant.log
      .all()
      .filter((e) => (e.sourceIdentity as { id: string }).id === subject)
      .at(-1);
    const status = entry?.provisioningStatusInfo as {
      status: string;
      errorInformation: { errorCode: string; reason: string; errorCategory: string } | null;
    };
    if (status?.status !== 'failure' || !status.errorInformation)
      throw new Error(`${cause}: the recipe produced no failure`);
    causes[cause] = {
      provisioningAction: entry?.provisioningAction,
      identityType: (entry?.sourceIdentity as { identityType: string }).identityType,
      errorCode: status.errorInformation.errorCode,
      errorCategory: status.errorInformation.errorCategory,
      reason: status.errorInformation.reason,
    };
  } finally {
    await world.close();
  }
}
writeFileSync(
  'test/fixtures/causes.json',
  `${JSON.stringify(
    {
      generatedBy: 'node scripts/run-ts.mjs scripts/record-causes.ts',
      clockStart: new Date(clockStart).toISOString(),
      causes,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote test/fixtures/causes.json (${Object.keys(causes).length} causes)`);
