import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fileLogWriter } from '../../electron/core/log/logger';
import { startServer } from '../../electron/server/server';
import { runCli, startServeProcess } from '../helpers/cli';
import { startTestCore } from '../helpers/core';
import { collectEvents } from '../helpers/http';
import { filesUnder, findLeaks, type Artifact } from '../helpers/secret-scan';
import { makeTempDir } from '../helpers/temp-dir';

const plant = (label: string) => `planted-${label}-${randomBytes(9).toString('hex')}`;
const guid = '0f0e0d0c-0b0a-4998-8776-655443322110';

/**
 * The planted-secret scan: after a full run of every command that exists, with known secret values,
 * no log, database byte (WAL included), API or SSE response, CLI output or report contains them.
 */
describe('planted secrets', () => {
  const dir = makeTempDir();
  const secrets = {
    clientSecret: plant('client-secret'),
    pulumiScimToken: plant('scim-token'),
    pulumiAccessToken: plant('pulumi-token'),
    clientCertPassword: plant('cert-password'),
  };
  const env = {
    SCIMWATCH_DATA_DIR: dir.path,
    SCIMWATCH_PROFILE: 'prod',
    SCIMWATCH_LOG_LEVEL: 'debug',
    SCIMWATCH_TENANT_ID: guid,
    SCIMWATCH_CLIENT_ID: guid,
    SCIMWATCH_SERVICE_PRINCIPAL_ID: guid,
    SCIMWATCH_PULUMI_ORG: 'acme',
    SCIMWATCH_CLIENT_SECRET: secrets.clientSecret,
    SCIMWATCH_PULUMI_SCIM_TOKEN: secrets.pulumiScimToken,
    SCIMWATCH_PULUMI_ACCESS_TOKEN: secrets.pulumiAccessToken,
  };
  const artifacts: Artifact[] = [];

  beforeAll(async () => {
    for (const args of [
      ['--help'],
      ['--version'],
      ['status'],
      ['status', '--json'],
      ['profiles'],
      ['profiles', '--json'],
      ['sync', '--once'],
    ]) {
      const result = runCli(args, env);
      artifacts.push({ name: `cli ${args.join(' ')} stdout`, content: result.stdout });
      artifacts.push({ name: `cli ${args.join(' ')} stderr`, content: result.stderr });
    }
    const serve = await startServeProcess(env);
    const auth = { authorization: `Bearer ${serve.token}` };
    const events = collectEvents(`${serve.origin}/api/events`, auth, () => false, 2500);
    await new Promise((r) => setTimeout(r, 100));
    const call = async (method: string, body: unknown) => {
      const response = await fetch(`${serve.origin}/api/${method}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      artifacts.push({ name: `POST ${method} headers`, content: JSON.stringify([...response.headers]) });
      artifacts.push({ name: `POST ${method}`, content: await response.text() });
    };
    await call('app.status', {});
    await call('settings.get', {});
    await call('settings.update', {
      secrets: { clientCertPassword: secrets.clientCertPassword },
      values: { jobId: 'scim.job' },
    });
    await call('settings.get', {});
    // A token pasted into the wrong field must not be echoed back in the validation error.
    await call('settings.update', { values: { graphUrl: secrets.pulumiScimToken } });
    await call('settings.update', { values: { pulumiOrg: secrets.pulumiAccessToken } });
    await call('profiles.list', {});
    await call('provisioningEvents.list', { limit: 10 });
    await call('findings.list', {});
    await call('sync.run', {});
    artifacts.push({ name: 'SSE frames', content: await events });
    await serve.stop();
    artifacts.push({ name: 'serve stdout', content: serve.output().stdout });
    artifacts.push({ name: 'serve stderr', content: serve.output().stderr });
    // The support bundle and a backup, after all of the above is in the log and the database.
    for (const args of [
      ['diagnose', '--out', join(dir.path, 'support.zip')],
      ['backup', '--out', join(dir.path, 'backup.sqlite')],
    ]) {
      const result = runCli(args, env);
      expect(result.code, result.stderr).toBe(0);
      artifacts.push({ name: `cli ${args[0]} stdout`, content: result.stdout });
      artifacts.push({ name: `cli ${args[0]} stderr`, content: result.stderr });
    }
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(join(dir.path, 'support.zip')))))
      artifacts.push({ name: `diagnose ${name}`, content: Buffer.from(bytes) });
    // The secret store is the one place secrets belong; everything else in the data folder is scanned.
    artifacts.push(...filesUnder(dir.path, (path) => path === 'secrets.json'));
  }, 90_000);
  afterAll(() => dir.remove());

  it('scanned every kind of output', () => {
    const names = artifacts.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining(['SSE frames', 'serve stdout', 'logs/scimwatch.log', 'profiles/prod.sqlite']),
    );
    expect(String(artifacts.find((a) => a.name === 'SSE frames')?.content)).toContain(
      'event: status.changed',
    );
    expect(String(artifacts.find((a) => a.name === 'logs/scimwatch.log')?.content)).toContain(
      'Settings updated',
    );
    // The bundle holds the log and every setting with its source, the tenant named by none of them.
    const bundle = (name: string) => String(artifacts.find((a) => a.name === `diagnose ${name}`)?.content);
    expect(bundle('logs/recent.log')).toContain('Settings updated');
    expect(bundle('settings.json')).toContain('"source": "environment"');
    expect(bundle('database.json')).toContain('"compact-log"');
    // diagnose checked the database as it made the bundle.
    expect(JSON.parse(bundle('status.json'))).toMatchObject({
      database: { lastCheck: { kind: 'quick', ok: true } },
    });
    for (const name of ['settings.json', 'status.json', 'database.json', 'logs/recent.log'])
      expect(bundle(name)).not.toContain(guid);
    expect(names).toContain('backup.sqlite');
    // The secret saved through the API really was saved (so there was something to leak).
    expect(readFileSync(join(dir.path, 'secrets.json'), 'utf8')).toContain(secrets.clientCertPassword);
  });

  it('finds no planted secret anywhere', () => {
    expect(findLeaks(secrets, artifacts)).toEqual([]);
  });
});

describe('the planted-secret scan (negative control)', () => {
  const secret = plant('control');

  it('catches a secret in a log line', () => {
    const dir = makeTempDir();
    fileLogWriter(join(dir.path, 'scimwatch.log'))(JSON.stringify({ message: `oops ${secret}` }));
    expect(findLeaks({ secret }, filesUnder(dir.path))).toEqual([
      expect.objectContaining({ artifact: 'scimwatch.log' }),
    ]);
    dir.remove();
  });

  it('catches a secret in a database row, even while it sits only in the WAL', async () => {
    const dir = makeTempDir();
    const { core } = await startTestCore(dir.path, { SCIMWATCH_PROFILE: 'prod' });
    const path = (await core.call('app.status', {})).database.path;
    const db = new Database(path);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('leak', ?, 'now')").run(
      JSON.stringify(secret),
    );
    const leaks = findLeaks({ secret }, filesUnder(dir.path));
    expect(leaks.map((l) => l.artifact)).toContain('profiles/prod.sqlite-wal');
    db.close();
    await core.close();
    dir.remove();
  });

  it('catches a secret in an SSE frame', async () => {
    const dir = makeTempDir();
    const { core } = await startTestCore(dir.path);
    const server = await startServer({ core });
    const frames = collectEvents(
      `${server.origin}/api/events`,
      { authorization: `Bearer ${server.accessToken}` },
      (f) => f.includes('sync.progress'),
    );
    await new Promise((r) => setTimeout(r, 100));
    core.emit('sync.progress', { source: 'entra', phase: 'logs', done: 0, total: null, message: secret });
    expect(findLeaks({ secret }, [{ name: 'SSE', content: await frames }])).toHaveLength(1);
    await server.close();
    await core.close();
    dir.remove();
  });

  it('catches a secret on stdout', () => {
    const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(process.argv[1])', secret], {
      encoding: 'utf8',
    });
    expect(findLeaks({ secret }, [{ name: 'stdout', content: result.stdout }])).toHaveLength(1);
  });

  it('catches encoded forms too', () => {
    const encoded = Buffer.from(secret).toString('base64');
    expect(findLeaks({ secret }, [{ name: 'x', content: `token=${encoded}` }])).toEqual([
      { secret: 'secret', artifact: 'x', form: 'base64' },
    ]);
  });
});
