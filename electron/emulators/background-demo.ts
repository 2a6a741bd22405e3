import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulatorWorker } from './start-emulator-worker';

export interface BackgroundDemo {
  /** SCIMWATCH_* variables (CA file included) that point the demo profile at the running world. */
  environment: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the emulated tenant, Pulumi org and provisioning engine in a worker thread (its first cycle
 * done), and writes both emulators' CAs to an owner-only file in `folder` for this run. Every host
 * that runs the demo (desktop, `serve`, `sync --once`) starts it here.
 */
export async function startBackgroundDemo(intervalMs: number, folder: string): Promise<BackgroundDemo> {
  const world = await startEmulatorWorker(new URL('./emulator-worker.js', import.meta.url), {
    demo: { intervalMs },
  });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const caFile = join(folder, `ca-${process.pid}.pem`);
  writeFileSync(caFile, `${world.graph.caPem.trim()}\n${world.pulumi.caPem.trim()}\n`, { mode: 0o600 });
  return {
    environment: { ...(world.environment ?? {}), SCIMWATCH_CA_FILE: caFile },
    stop: async () => {
      await world.stop();
      rmSync(caFile, { force: true });
    },
  };
}
