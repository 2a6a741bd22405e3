import { describe, expect, it } from 'vitest';

import { latestOnly } from '../../renderer/src/state/latest-only';

describe('the stale-reply guard', () => {
  it('applies only the reply to the latest request, whatever order replies arrive in', async () => {
    const guard = latestOnly();
    const applied: string[] = [];
    let releaseSlow: (v: string) => void = () => undefined;
    const slow = guard(
      () => new Promise<string>((resolve) => (releaseSlow = resolve)),
      (v) => applied.push(v),
    );
    const fast = guard(
      () => Promise.resolve('new'),
      (v) => applied.push(v),
    );
    await fast;
    releaseSlow('old');
    await slow;
    expect(applied).toEqual(['new']);
  });
});
