import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

/** Flags Debian's Chromium needs as root on a machine without a GPU or outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own download. Missing is a failure. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // playwright-core without a downloaded browser: fine, the others may exist
  }
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) {
    throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  }
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
}
