import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import { causeRecipes, type RecipeCause } from '../../electron/emulators/scenarios/cause-recipes';
import { manualWorldClock } from '../../electron/emulators/world-clock';

interface RecordedCause {
  provisioningAction: string;
  identityType: string;
  errorCode: string;
  errorCategory: string;
  reason: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/causes.json', import.meta.url), 'utf8')) as {
  clockStart: string;
  causes: Record<string, RecordedCause>;
};
const recorded = fixture.causes;
const withoutIds = (text: string) =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');

/**
 * The recorded texts quote retry dates of the clock they were recorded on; this run's world starts
 * relative to now, so each quoted date moves by the same distance before comparing.
 */
function redated(text: string, worldStart: number): string {
  const shift = worldStart - Date.parse(fixture.clockStart);
  return text.replace(/(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC/g, (_all, day: string, time: string) => {
    const moved = new Date(Date.parse(`${day}T${time}Z`) + shift).toISOString();
    return `${moved.slice(0, 10)} ${moved.slice(11, 19)} UTC`;
  });
}

/** test/fixtures/causes.json must be what the engine produces today, cause by cause. */
describe('failure causes recorded in causes.json', () => {
  it('covers every cause the classifier knows', () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(causeRecipes).sort());
  });

  it.each(Object.keys(causeRecipes) as RecipeCause[])(
    '%s: the engine still produces the recorded errorCode and reason',
    async (cause) => {
      const clock = manualWorldClock();
      const worldStart = clock.current();
      const world = await startEmulatedWorld({ now: clock.tick });
      try {
        const subject = await causeRecipes[cause](world);
        const entry = world.graph.tenant.log
          .all()
          .filter((e) => (e.sourceIdentity as { id: string }).id === subject)
          .at(-1);
        const info = (
          entry?.provisioningStatusInfo as { errorInformation: { errorCode: string; reason: string } | null }
        ).errorInformation;
        expect(info?.errorCode).toBe(recorded[cause]?.errorCode);
        expect(withoutIds(info?.reason ?? '')).toBe(
          withoutIds(redated(recorded[cause]?.reason ?? '', worldStart)),
        );
      } finally {
        await world.close();
      }
    },
  );
});
