import { existsSync } from 'node:fs';

import { ScimWatchError } from '../../../shared/contract';

/** Flags Chromium needs headless on a server: as root (no sandbox), without a GPU or outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const knownPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The machine's Chromium: SCIMWATCH_CHROMIUM (or CHROMIUM_PATH) when set, else the usual install places. */
export function findChromium(environment: NodeJS.ProcessEnv = process.env): string {
  const chosen = environment.SCIMWATCH_CHROMIUM ?? environment.CHROMIUM_PATH;
  // A path the admin named must be right: falling back to another browser would hide the mistake.
  const found = chosen
    ? existsSync(chosen)
      ? chosen
      : undefined
    : knownPaths.find((path) => existsSync(path));
  if (!found)
    throw new ScimWatchError(
      'unavailable',
      chosen ? `No Chromium at ${chosen}.` : 'No Chromium or Chrome was found on this machine.',
      'PDF reports are printed by Chromium: install it (Debian or Ubuntu: apt-get install chromium) or set SCIMWATCH_CHROMIUM to its path. HTML reports need nothing.',
    );
  return found;
}
