import { describe, expect, it } from 'vitest';

import { meetsTarget, median } from '../../bench/harness';

describe('the bench harness', () => {
  it('takes the median of repeated runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('judges figures against their targets in the right direction', () => {
    expect(
      meetsTarget({ name: 'rate', value: 9, unit: 'rows/s', target: { better: 'higher', value: 10 } }),
    ).toBe(false);
    expect(
      meetsTarget({ name: 'rate', value: 10, unit: 'rows/s', target: { better: 'higher', value: 10 } }),
    ).toBe(true);
    expect(
      meetsTarget({ name: 'latency', value: 250, unit: 'ms', target: { better: 'lower', value: 200 } }),
    ).toBe(false);
    expect(meetsTarget({ name: 'info', value: 1, unit: '' })).toBe(true);
  });
});
