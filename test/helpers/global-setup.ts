import { execFileSync } from 'node:child_process';

/**
 * Core workers run from the Node build (a worker thread cannot load TypeScript), so the tests build
 * it first. It takes well under a second; `npm test` has built everything already anyway.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
