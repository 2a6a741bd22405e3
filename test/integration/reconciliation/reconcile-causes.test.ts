import { describe, expect, it } from 'vitest';

import { failureCauses } from '../../../shared/finding-kinds';
import { proveCase } from './prove-case';
import { causeCases } from './cause-proofs';

/** Every failure cause, produced by the emulated engine from Pulumi's answer, with its root and fix. */
describe('reconciliation classifies every failure cause', () => {
  it('has a case for every cause', () => {
    expect(new Set(causeCases.map((c) => c.cause))).toEqual(new Set(failureCauses));
  });

  it.each(causeCases.map((c) => [c.cause, c] as const))('%s', async (_cause, proof) => {
    await proveCase(proof);
  });
});
