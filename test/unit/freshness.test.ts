import { describe, expect, it } from 'vitest';

import type { AppStatus, SourceStatus } from '../../shared/contract';
import { staleAge } from '../../renderer/src/features/overview/freshness';

const source = (health: SourceStatus['health'], minutesAgo: number | null): SourceStatus => ({
  health,
  lastSuccessAt: minutesAgo === null ? null : new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  lastErrorAt: null,
  lastError: null,
  collectors: [],
});

const status = (entra: SourceStatus, pulumi: SourceStatus) => ({ sources: { entra, pulumi } }) as AppStatus;

describe('staleAge', () => {
  it('says nothing while every source a figure comes from answers', () => {
    expect(staleAge(status(source('ok', 5), source('ok', 5)), 'both')).toBeNull();
    expect(staleAge(status(source('ok', 5), source('error', 300)), 'entra')).toBeNull();
  });

  it('gives the age of the oldest failing source, or never', () => {
    expect(staleAge(status(source('error', 180), source('ok', 1)), 'entra')).toBe('3 h ago');
    expect(staleAge(status(source('degraded', 30), source('error', 120)), 'both')).toBe('2 h ago');
    expect(staleAge(status(source('error', null), source('ok', 1)), 'both')).toBe('never');
    expect(staleAge(status(source('error', null), source('error', 10)), 'both')).toBe('never');
  });
});
