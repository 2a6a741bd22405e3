import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CoreHost } from '../electron/core/core-host';

// Benchmarks run bundled from the repository root (npm run bench), so the worker is found from there.
const workerEntry = pathToFileURL(resolve('out/node/core-worker.js'));

export interface WorldConnection {
  /** The `SCIMWATCH_*` variables that point ScimWatch at an emulated world. */
  environment: NodeJS.ProcessEnv;
  /** The world's CAs, trusted through SCIMWATCH_CA_FILE. */
  caPem: string;
}

/**
 * Starts ScimWatch's real core (the built worker, as `scimwatch sync --once` runs it) on `dataDir`,
 * connected to an emulated world; `env` adds or overrides variables (page sizes, budget windows).
 */
export async function startBenchCore(
  world: WorldConnection,
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CoreHost> {
  const caFile = join(dataDir, 'world-ca.pem');
  writeFileSync(caFile, world.caPem);
  return CoreHost.start({
    hostKind: 'cli',
    oneShot: true,
    workerEntry,
    env: { ...world.environment, SCIMWATCH_CA_FILE: caFile, SCIMWATCH_DATA_DIR: dataDir, ...env },
    logWrite: () => undefined,
  });
}
