import { chromium, type Browser } from 'playwright-core';

import { chromiumArgs, findChromium } from '../../electron/core/host/chromium';

export { chromiumArgs, findChromium };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
}
