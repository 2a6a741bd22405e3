/**
 * Renders resources/icon.svg to resources/icon.png (1024×1024) in Chromium, for electron-builder,
 * which derives the .ico and .icns from it. Run: node scripts/run-ts.mjs scripts/render-icon.ts
 */
import { readFileSync } from 'node:fs';

import { launchChromium } from '../test/helpers/browser';

const svg = readFileSync('resources/icon.svg', 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="1024" height="1024" ')}</body></html>`,
  );
  await page.screenshot({ path: 'resources/icon.png', omitBackground: true });
  console.log('wrote resources/icon.png');
} finally {
  await browser.close();
}
