import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test, removed afterwards unless SCIMWATCH_KEEP_TEST_DIRS is set. */
export function makeTempDir(prefix = 'scimwatch-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    remove: () => {
      if (!process.env.SCIMWATCH_KEEP_TEST_DIRS) rmSync(path, { recursive: true, force: true });
    },
  };
}
