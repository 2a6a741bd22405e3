import { describe, expect, it } from 'vitest';

import type { RunCounts } from '../../shared/contract';
import { exitCodeFor, parseFailOn } from '../../electron/cli/fail-on';

const counts = (bySeverity: RunCounts['findings']['bySeverity']): RunCounts => ({
  users: { inScope: 0, matched: 0, inSync: 0 },
  teams: { inScope: 0, matched: 0, inSync: 0 },
  findings: { total: 0, roots: 0, byKind: {}, bySeverity, unknownCauses: 0 },
});

describe('--fail-on', () => {
  it('exits 2 when open findings reach the threshold, 0 below it', () => {
    expect(exitCodeFor(counts({ error: 0, warning: 1, info: 3 }), 'warning', false)).toBe(2);
    expect(exitCodeFor(counts({ error: 1, warning: 0, info: 0 }), 'warning', false)).toBe(2);
    expect(exitCodeFor(counts({ error: 0, warning: 1, info: 3 }), 'error', false)).toBe(0);
    expect(exitCodeFor(counts({ error: 5, warning: 0, info: 0 }), undefined, false)).toBe(0);
  });

  it('lets a source or configuration error (1) win over a threshold', () => {
    expect(exitCodeFor(counts({ error: 5, warning: 0, info: 0 }), 'error', true)).toBe(1);
  });

  it('accepts only error and warning', () => {
    expect(parseFailOn('error')).toBe('error');
    expect(() => parseFailOn('info')).toThrow('--fail-on takes "error" or "warning"');
  });
});
