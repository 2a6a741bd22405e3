import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { readEnvironment } from '../core/config/environment';
import { resolveDataDir } from '../core/config/data-dir';
import { demoProfile, resolveActiveProfile } from '../core/profiles/profile-registry';
import { startEmulatorWorker } from '../emulators/start-emulator-worker';

export interface BackgroundDemo {
  /** SCIMWATCH_* variables (CA file included) that point the demo profile at the running world. */
  environment: Record<string, string>;
  stop(): Promise<void>;
}

/** True when this run would use the demo profile (nothing live configured, or --demo). */
export function runsDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  return resolveActiveProfile(resolveDataDir(env), readEnvironment(env)).name === demoProfile;
}

/**
 * Starts the emulated tenant, Pulumi org and provisioning engine in a worker thread (its first cycle
 * done), and writes both emulators' CAs to an owner-only file for this run.
 */
export async function startBackgroundDemo(intervalMs: number, env = process.env): Promise<BackgroundDemo> {
  const world = await startEmulatorWorker(new URL('./emulator-worker.js', import.meta.url), {
    demo: { intervalMs },
  });
  const folder = join(resolveDataDir(env), 'demo');
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
