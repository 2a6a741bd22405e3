import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { resolveDataDir } from '../../core/config/data-dir';
import { startDemo } from '../../emulators/demo-runner';
import { print } from '../output';

export interface DemoFlags {
  printEnv: boolean;
  intervalSeconds: number;
}

/**
 * `scimwatch demo --print-env`: runs the emulated Entra tenant and Pulumi org with the provisioning
 * engine, writes an owner-only env file whose SCIMWATCH_* variables point any ScimWatch at them, and
 * runs until stopped. The demo's credentials are generated for this run only.
 */
export async function demoCommand(flags: DemoFlags): Promise<number> {
  if (!flags.printEnv)
    throw new Error('Use `scimwatch demo --print-env` (the dashboard starts the demo on its own).');
  const demo = await startDemo({ intervalMs: flags.intervalSeconds * 1000 });
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const folder = join(resolveDataDir(process.env), 'demo');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const caFile = join(folder, 'demo-ca.pem');
  const envFile = join(folder, 'demo.env');
  writeFileSync(caFile, demo.caPem, { mode: 0o600 });
  const lines = Object.entries({ ...demo.environment, SCIMWATCH_CA_FILE: caFile }).map(
    ([k, v]) => `${k}=${v}`,
  );
  writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  print(
    `Demo tenant and Pulumi org are running; a provisioning cycle runs every ${flags.intervalSeconds} s.`,
  );
  print(`Environment file (owner-only): ${envFile}`);
  print('Point ScimWatch at them with:  set -a; . <that file>; set +a');
  print('Press Ctrl+C to stop.');
  await stopped;
  await demo.stop();
  return 0;
}
