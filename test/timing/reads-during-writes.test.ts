import { spawn } from 'node:child_process';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreHost } from '../../electron/core/core-host';
import { startTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';

/** Holds the profile's write lock from another process for `ms`, resolving once it holds it. */
function holdWriteLock(databasePath: string, ms: number): Promise<{ done: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('lockHolder', '1', 'now')").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, databasePath, String(ms)], { cwd: process.cwd() });
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ done });
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Timing-sensitive: runs in its own phase of `npm test`, one file at a time. */
describe('reads while the writer is stuck', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: CoreHost | undefined;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.remove();
  });

  it('answers reads within 200 ms while the writer is stuck behind a 2 s write transaction', async () => {
    ({ core } = await startTestCore(dir.path));
    const databasePath = (await core.call('app.status', {})).database.path;
    const { done } = await holdWriteLock(databasePath, 2000);
    // The writer worker now blocks inside SQLite (busy_timeout) until the other process commits.
    const write = timed(() => core!.call('settings.update', { values: { pulumiOrg: 'acme' } }));
    await new Promise((r) => setTimeout(r, 100));
    const status = await timed(() => core!.call('app.status', {}));
    const table = await timed(() => core!.call('provisioningEvents.list', { limit: 50 }));
    expect(status.ms).toBeLessThan(200);
    expect(table.ms).toBeLessThan(200);
    expect(table.value.items).toEqual([]);
    const finished = await write;
    expect(finished.ms).toBeGreaterThan(1000);
    await done;
  });
});
