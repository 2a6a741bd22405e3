import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import { causeRecipes, type RecipeCause } from '../../electron/emulators/scenarios/cause-recipes';

interface RecordedCause {
  provisioningAction: string;
  identityType: string;
  errorCode: string;
  errorCategory: string;
  reason: string;
}

const recorded = (
  JSON.parse(readFileSync(new URL('../fixtures/causes.json', import.meta.url), 'utf8')) as {
    causes: Record<string, RecordedCause>;
  }
).causes;
const withoutIds = (text: string) =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
const tickingClock = () => {
  let t = Date.UTC(2026, 10, 1, 9, 0, 0);
  return () => (t += 1000);
};

/** test/fixtures/causes.json must be what the engine produces today, cause by cause. */
describe('failure causes recorded in causes.json', () => {
  it('covers every cause the classifier knows', () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(causeRecipes).sort());
  });

  it.each(Object.keys(causeRecipes) as RecipeCause[])(
    '%s: the engine still produces the recorded errorCode and reason',
    async (cause) => {
      const world = await startEmulatedWorld({ now: tickingClock() });
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
        expect(withoutIds(info?.reason ?? '')).toBe(withoutIds(recorded[cause]?.reason ?? ''));
      } finally {
        await world.close();
      }
    },
  );
});
