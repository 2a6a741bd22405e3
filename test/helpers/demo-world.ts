import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startDemo, type DemoOptions, type RunningDemo } from '../../electron/emulators/demo-runner';

/**
 * The demo world standing still (cycles only when a test runs one), its CA written to `dir`, and the
 * SCIMWATCH_* variables that point a core or the CLI at it.
 */
export async function startStillDemo(
  dir: string,
  graph?: DemoOptions['graph'],
): Promise<{ demo: RunningDemo; env: Record<string, string> }> {
  const demo = await startDemo({ intervalMs: 3_600_000, ...(graph ? { graph } : {}) });
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, demo.caPem, { mode: 0o600 });
  return { demo, env: { ...demo.environment, SCIMWATCH_CA_FILE: caFile } };
}
