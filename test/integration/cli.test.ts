import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { AppStatus } from '../../shared/contract';
import { runCli, startServeProcess, type ServeProcess } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { execFileSync } from 'node:child_process';

describe('the CLI', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let serve: ServeProcess | undefined;
  const env = () => ({ SCIMWATCH_DATA_DIR: dir.path });

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-node.mjs']);
  });
  beforeEach(() => (dir = makeTempDir()));
  afterEach(async () => {
    await serve?.stop();
    serve = undefined;
    dir.remove();
  });

  it('prints its version and help', () => {
    const version = runCli(['--version'], env());
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(['--help'], env());
    expect(help.code).toBe(0);
    for (const command of ['serve', 'status', 'profiles', 'sync --once'])
      expect(help.stdout).toContain(command);
  });

  it('shows the status of the demo profile and exits 0', () => {
    const result = runCli(['status'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('profile "demo" (demo data)');
    const json = runCli(['status', '--json'], env());
    expect(JSON.parse(json.stdout)).toMatchObject({ host: 'cli', profile: { name: 'demo', mode: 'demo' } });
  });

  it('checks, backs up and restores the database, and says where it stands', () => {
    const live = { ...env(), SCIMWATCH_PROFILE: 'prod' };
    const status = runCli(['status'], live);
    expect(status.stdout).toMatch(/Database {2}.*prod\.sqlite \(schema \d+\)/);
    expect(status.stdout).toMatch(/0 provisioning events, kept 400 days/);
    const check = runCli(['check', '--json'], live);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ kind: 'full', ok: true, result: 'ok' });
    expect(runCli(['status'], live).stdout).toMatch(/last check .* \(full\): ok/);
    const copy = join(dir.path, 'copy.sqlite');
    expect(runCli(['backup', '--out', copy], live).stdout).toContain(`to ${copy}`);
    expect(runCli(['backup', '--out', copy], live).stderr).toMatch(/already exists/);
    const fixture = new URL('../fixtures/db/v1.sqlite', import.meta.url).pathname;
    const restored = runCli(['restore', fixture], live);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .*v1\.sqlite as profile "prod" \(schema 1 → \d+\)/);
    expect(restored.stdout).toMatch(/kept at .*backups\/prod\.before-restore\./);
    expect(runCli(['status'], live).stdout).toMatch(/[1-9]\d* provisioning events since/);
  });

  it('exits 1 and names what is missing for a partly configured profile', () => {
    const result = runCli(['status'], { ...env(), SCIMWATCH_PULUMI_ORG: 'acme' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Missing   SCIMWATCH_TENANT_ID');
  });

  it('reports an invalid variable in one line on stderr and exits 1', () => {
    const result = runCli(['status'], { ...env(), SCIMWATCH_AUTH: 'password' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^scimwatch: SCIMWATCH_AUTH is invalid/);
  });

  it('exits 1 on usage errors', () => {
    expect(runCli(['frobnicate'], env()).code).toBe(1);
    expect(runCli(['status', '--bogus'], env()).code).toBe(1);
    expect(runCli(['sync'], env()).code).toBe(1);
    expect(runCli([], env()).code).toBe(1);
  });

  it('lists profiles with the active one starred', () => {
    const result = runCli(['profiles'], { ...env(), SCIMWATCH_PROFILE: 'prod' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}demo/m);
    expect(result.stdout).toMatch(/^\* prod/m);
  });

  it('refuses a second poller of the same profile, naming the holder', async () => {
    serve = await startServeProcess(env());
    const second = runCli(['serve'], env());
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /Profile "demo" is being polled by pid \d+ \(scimwatch serve at http:\/\/127\.0\.0\.1:\d+\)/,
    );
    // Another profile is free to be served beside it.
    const other = await startServeProcess({ ...env(), SCIMWATCH_PROFILE: 'other' });
    await other.stop();
  });

  it('delegates `sync --once` to the server that holds the profile', async () => {
    serve = await startServeProcess(env());
    const result = runCli(['sync', '--once'], env());
    expect(result.stdout).toContain(`polled by the server at ${serve.origin}; asking it to sync`);
    // The server (polling its demo world) ran the sync and answered.
    expect(result.stdout).toMatch(/Sync finished: \d+ new provisioning events/);
    expect(result.code).toBe(0);
  });

  it('exits with a one-line message when a non-server process holds the profile', () => {
    mkdirSync(join(dir.path, 'locks'), { recursive: true });
    const holder = {
      pid: process.pid,
      command: 'scimwatch sync --once',
      url: null,
      since: new Date(Date.now() - 3_600_000).toISOString(),
    };
    writeFileSync(join(dir.path, 'locks', 'demo.lock'), JSON.stringify(holder));
    const result = runCli(['sync', '--once'], env());
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      new RegExp(`^scimwatch: Profile "demo" is being polled by pid ${process.pid}`),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('takes over a lock left by a process that is gone', () => {
    mkdirSync(join(dir.path, 'locks'), { recursive: true });
    writeFileSync(
      join(dir.path, 'locks', 'demo.lock'),
      JSON.stringify({ pid: 2 ** 22 + 7, command: 'gone', url: null, since: 'x' }),
    );
    const result = runCli(['sync', '--once'], env());
    // It got the lock and synced the demo world itself.
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Demo mode: syncing/);
    expect(result.code).toBe(0);
  });

  it('serve polls the demo world on its own: both sides healthy, events stored, next runs scheduled', async () => {
    serve = await startServeProcess(env());
    const { origin, token } = serve;
    const status = async () => {
      const response = await fetch(`${origin}/api/app.status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return ((await response.json()) as { result: AppStatus }).result;
    };
    let current = await status();
    const settled = (s: AppStatus) =>
      s.sources.pulumi.health === 'ok' &&
      s.sources.entra.collectors.length === 4 &&
      s.sources.entra.collectors.every((c) => c.lastSuccessAt && c.nextRunAt);
    for (let i = 0; i < 100 && !settled(current); i++) {
      await new Promise((r) => setTimeout(r, 200));
      current = await status();
    }
    expect(current.sources.entra.health).toBe('ok');
    expect(current.sources.pulumi.health).toBe('ok');
    // The demo's first cycle provisions about 250 people and 20 teams, one log entry each.
    expect(current.database.provisioningEvents).toBeGreaterThan(250);
    const sources = current.sources.entra.collectors.map((c) => c.source);
    expect(sources).toEqual(
      expect.arrayContaining([
        'entra.job',
        'entra.provisioningEvents',
        'entra.configuration',
        'entra.directory',
      ]),
    );
    for (const collector of current.sources.entra.collectors) {
      expect(collector.lastError).toBeNull();
      expect(collector.itemsFetched).not.toBeNull();
    }
  });

  it('serves the dashboard page after the token is exchanged', async () => {
    serve = await startServeProcess(env());
    const login = await fetch(serve.url, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(`${serve.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const traversal = await fetch(`${serve.origin}/..%2f..%2fpackage.json`, { headers: { cookie } });
    expect(traversal.status).toBe(404);
  });

  it('runs the demo world beside the demo profile, and says so', async () => {
    serve = await startServeProcess({ ...env(), SCIMWATCH_PROFILE: 'demo' });
    await new Promise((r) => setTimeout(r, 300));
    expect(serve.output().stdout).toContain('Demo mode: an emulated Entra tenant and Pulumi org are running');
  });

  it('does not start the demo world for a live profile', async () => {
    serve = await startServeProcess({ ...env(), SCIMWATCH_PROFILE: 'prod' });
    await new Promise((r) => setTimeout(r, 300));
    expect(serve.output().stdout).not.toContain('Demo mode');
  });

  it('stops cleanly on SIGTERM and releases the lock', async () => {
    serve = await startServeProcess(env());
    expect(await serve.stop()).toBe(0);
    serve = undefined;
    const again = await startServeProcess(env());
    await again.stop();
  });
});
