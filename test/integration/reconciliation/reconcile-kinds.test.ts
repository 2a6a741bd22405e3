import { describe, expect, it } from 'vitest';

import { findingKinds } from '../../../shared/finding-kinds';
import { proveCase } from './prove-case';
import { kindCases } from './kind-proofs';

/** Every finding kind, produced through the emulators, found by reconciliation, resolved by its fix. */
describe('reconciliation finds every kind and sees it resolved', () => {
  it('has a case for every kind', () => {
    expect(new Set(kindCases.map((c) => c.kind))).toEqual(new Set(findingKinds));
  });

  it.each(kindCases.map((c) => [c.kind, c] as const))('%s', async (_kind, proof) => {
    await proveCase(proof);
  });
});
