import { describe, expect, it } from 'vitest';

import { parseRoute, routeHref } from '../../renderer/src/navigation/route-url';

describe('the route in the URL hash', () => {
  it('carries the page and its filters, and reads back what it wrote', () => {
    const href = routeHref('failures', {
      cause: 'email_in_use',
      since: '2030-01-01T00:00:00.000Z',
      empty: '',
    });
    expect(href).toBe('#/failures?cause=email_in_use&since=2030-01-01T00%3A00%3A00.000Z');
    expect(parseRoute(href)).toEqual({
      page: 'failures',
      params: { cause: 'email_in_use', since: '2030-01-01T00:00:00.000Z' },
    });
  });

  it('falls back to the Overview for an unknown or empty page, keeping text filters as text', () => {
    expect(parseRoute('')).toEqual({ page: 'overview', params: {} });
    expect(parseRoute('#/nowhere?x=%3Cb%3E')).toEqual({ page: 'overview', params: { x: '<b>' } });
  });
});
