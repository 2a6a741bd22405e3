import { spawn } from 'node:child_process';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir } from '../helpers/temp-dir';

/** Runs `npm start`'s script (build skipped: npm test has built) until it prints a URL, then stops it. */
function startUntilUrl(env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--skip-build'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`no URL within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/\?token=/.test(output)) {
        clearTimeout(timer);
        child.on('exit', () => resolve(output));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

describe('npm start where Electron cannot run', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('says there is no display in one line and serves the dashboard instead', async () => {
    const output = await startUntilUrl({ SCIMWATCH_DATA_DIR: dir.path });
    const [first, ...rest] = output.trim().split('\n');
    expect(first).toBe(
      'ScimWatch: the desktop app cannot start here (no display: DISPLAY and WAYLAND_DISPLAY are unset); serving the dashboard for your browser instead.',
    );
    expect(rest.join('\n')).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it("says the binary is missing when there is a display but Electron's binary cannot be fetched", async () => {
    // Pointing Electron at an empty folder makes "no binary" true on any machine, even one with Electron.
    const output = await startUntilUrl({
      SCIMWATCH_DATA_DIR: dir.path,
      DISPLAY: ':99',
      ELECTRON_OVERRIDE_DIST_PATH: dir.path,
    });
    expect(output.split('\n')[0]).toContain("Electron's binary is not installed and could not be downloaded");
    expect(output).toMatch(/\?token=/);
  });
});
