import { CoreHost, type CoreHostOptions } from '../../electron/core/core-host';

/** The built worker entry (see global-setup.ts). */
export const builtWorkerEntry = new URL('../../out/node/core-worker.js', import.meta.url);

/** Starts the real core (real workers, real SQLite) on a test data folder; log lines are kept in memory. */
export async function startTestCore(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  options: Partial<CoreHostOptions> = {},
): Promise<{ core: CoreHost; logLines: string[] }> {
  const logLines: string[] = [];
  const core = await CoreHost.start({
    hostKind: 'server',
    env: { SCIMWATCH_DATA_DIR: dataDir, ...env },
    workerEntry: builtWorkerEntry,
    logWrite: (line) => logLines.push(line),
    ...options,
  });
  return { core, logLines };
}
