import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import {
  describeOffset,
  manualWorldClock,
  offsetFromSeed,
  worldHeadroomMs,
  worldOffsetMs,
  worldOldestStartMs,
} from '../../electron/emulators/world-clock';
// @ts-expect-error -- a plain ES module without type declarations
import { worldClockRules } from '../../eslint.world-clock.mjs';

/** Lints a snippet as if it lived at `filePath`, with only the world-clock rules switched on. */
async function violations(filePath: string, code: string): Promise<number> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...(worldClockRules as object[]),
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.length ?? 0;
}

describe('the world clock', () => {
  it('draws every seed’s offset inside the backfill window, the same on any day', () => {
    for (let seed = 0; seed < 2_000; seed++) {
      const offset = offsetFromSeed(seed * 7_919);
      expect(offset).toBeGreaterThanOrEqual(worldHeadroomMs);
      expect(offset).toBeLessThanOrEqual(worldOldestStartMs);
      expect(offset % 60_000).toBe(0);
    }
    expect(offsetFromSeed(42)).toBe(offsetFromSeed(42));
    // Spread over the window, not bunched at one end.
    const days = new Set(Array.from({ length: 200 }, (_, i) => Math.floor(offsetFromSeed(i) / 86_400_000)));
    expect(days.size).toBeGreaterThan(20);
  });

  it('takes an exact offset over a seed, the latest start by default, and names a bad value', () => {
    expect(worldOffsetMs({})).toBe(worldHeadroomMs);
    expect(worldOffsetMs({ SCIMWATCH_WORLD_SEED: '42' })).toBe(offsetFromSeed(42));
    expect(worldOffsetMs({ SCIMWATCH_WORLD_SEED: '42', SCIMWATCH_WORLD_OFFSET_MINUTES: '1000' })).toBe(
      60_000_000,
    );
    expect(() => worldOffsetMs({ SCIMWATCH_WORLD_OFFSET_MINUTES: '5' })).toThrow(
      /SCIMWATCH_WORLD_OFFSET_MINUTES must be between 360 and 41760/,
    );
    expect(() => worldOffsetMs({ SCIMWATCH_WORLD_SEED: 'soon' })).toThrow(
      /SCIMWATCH_WORLD_SEED must be a whole number/,
    );
    expect(describeOffset(worldOldestStartMs - 61 * 60_000)).toBe('28 d 22 h 59 min');
  });

  it('starts before the real now and refuses to run ahead of it', () => {
    let real = 1_000_000_000_000;
    const clock = manualWorldClock(worldHeadroomMs, () => real);
    expect(clock.current()).toBe(real - worldHeadroomMs);
    expect(clock.tick()).toBe(real - worldHeadroomMs + 1000);
    clock.advance(worldHeadroomMs - 2000);
    expect(() => clock.tick()).not.toThrow();
    expect(() => clock.tick()).toThrow(
      /ran 1 min ahead|ran .* ahead of the app’s now|ahead of the app's now/,
    );
    real += 60_000;
    expect(() => clock.advance(0)).not.toThrow();
  });

  it('rejects absolute dates in scenarios and world set-up code, and allows dates from now', async () => {
    const world = 'electron/emulators/scenarios/x.ts';
    expect(await violations(world, 'export const t = Date.UTC(2026, 10, 2);')).toBeGreaterThan(0);
    expect(await violations(world, "export const t = new Date('2026-11-02T09:00:00Z');")).toBeGreaterThan(0);
    expect(await violations(world, "export const t = Date.parse('2026-11-02');")).toBeGreaterThan(0);
    expect(
      await violations('test/helpers/x.ts', "export const at = '2026-11-02T09:00:00Z';"),
    ).toBeGreaterThan(0);
    expect(
      await violations('test/integration/x.test.ts', 'export const at = `2026-11-02T${"09"}:00Z`;'),
    ).toBe(1);
    expect(await violations(world, 'export const t = new Date(Date.now() - 3_600_000).toISOString();')).toBe(
      0,
    );
    expect(await violations(world, "export const name = 'Team 2026-plan';")).toBe(0);
    // The engine's own clock and the store's code are not worlds.
    expect(await violations('electron/core/x.ts', 'export const t = Date.UTC(2026, 0, 1);')).toBe(0);
  });
});
