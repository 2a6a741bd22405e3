import { describe, expect, it } from 'vitest';

import { statWindow } from '../../electron/core/stats/stat-window';

describe('statWindow', () => {
  const now = Date.parse('2030-05-17T10:42:13.500Z') + (Date.now() % 1000);

  it('covers a day and a week in hours, from the hour that holds the range start', () => {
    const day = statWindow('24h', now);
    expect(day.grain).toBe('hour');
    expect(day.since).toBe(new Date(now - 86_400_000).toISOString());
    expect(day.fromKey).toBe(new Date(now - 86_400_000).toISOString().slice(0, 13));
    expect(statWindow('7d', now).fromKey).toBe(new Date(now - 7 * 86_400_000).toISOString().slice(0, 13));
  });

  it('covers a month and all history in UTC days; all history has no start', () => {
    expect(statWindow('30d', now)).toMatchObject({
      grain: 'day',
      fromKey: new Date(now - 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(statWindow('all', now)).toEqual({
      grain: 'day',
      since: null,
      fromKey: null,
      to: new Date(now).toISOString(),
    });
  });
});
