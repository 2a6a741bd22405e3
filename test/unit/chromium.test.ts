import { describe, expect, it } from 'vitest';

import { findChromium } from '../../electron/core/host/chromium';

describe('findChromium', () => {
  it('uses the path the admin named, and says what to install when it is wrong', () => {
    expect(findChromium({ SCIMWATCH_CHROMIUM: process.execPath })).toBe(process.execPath);
    let thrown: unknown;
    try {
      findChromium({ SCIMWATCH_CHROMIUM: '/nonexistent/chromium' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'unavailable',
      message: 'No Chromium at /nonexistent/chromium.',
      hint: expect.stringContaining('apt-get install chromium') as unknown,
    });
  });
});
