import { execFileSync } from 'node:child_process';

import { describeOffset, worldOffsetMs } from '../../electron/emulators/world-clock';

/**
 * Core workers run from the Node build (a worker thread cannot load TypeScript), so the tests build
 * it first. It takes well under a second; `npm test` has built everything already anyway.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
  // Said once per run, so a failure that depends on the date can be replayed (see world-clock.ts).
  console.log(`Catalog worlds start ${describeOffset(worldOffsetMs())} before now.`);
}
