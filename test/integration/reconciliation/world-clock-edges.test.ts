import { describe, expect, it } from 'vitest';

import { worldHeadroomMs, worldOldestStartMs } from '../../../electron/emulators/world-clock';
import { causeCases } from './cause-proofs';
import { kindCases } from './kind-proofs';
import { proveCase } from './prove-case';

const ageInDays = (at: unknown) => (Date.now() - Date.parse(String(at))) / 86_400_000;
const emailInUse = causeCases.find((c) => c.cause === 'email_in_use');
const stalled = kindCases.find((c) => c.kind === 'job.stalled');

/**
 * The guard against worlds dated at a fixed instant: `npm test` starts its worlds at a random offset
 * within the backfill window, and these cases pin both ends of it, whatever the day.
 */
describe('catalog worlds at both edges of the backfill window', () => {
  it('reads a failure whose world started 29 days ago', async () => {
    if (!emailInUse) throw new Error('no email_in_use case');
    const found = await proveCase(emailInUse, worldOldestStartMs);
    expect(ageInDays(found.evidence.activityDateTime)).toBeGreaterThan(28.9);
  });

  it('reads a failure whose world started just now', async () => {
    if (!emailInUse) throw new Error('no email_in_use case');
    const found = await proveCase(emailInUse, worldHeadroomMs);
    // Hours old, not days: the world's start plus the minutes the proof itself takes.
    expect(ageInDays(found.evidence.activityDateTime)).toBeLessThan(worldHeadroomMs / 86_400_000 + 1 / 24);
  });

  it('keeps the case that moves its clock furthest behind the app’s now', async () => {
    if (!stalled) throw new Error('no job.stalled case');
    await proveCase(stalled, worldHeadroomMs);
  });
});
