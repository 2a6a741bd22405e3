import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { ConnectionCheck, ConnectionReport } from '../../shared/contract';
import type { CoreHost } from '../../electron/core/core-host';
import type { RunningDemo } from '../../electron/emulators/demo-runner';
import { startTestCore } from '../helpers/core';
import { startStillDemo } from '../helpers/demo-world';
import { makeTempDir } from '../helpers/temp-dir';

/** `connection.test` through the real core (workers, MSAL, Graph client) against the demo world. */
describe('connection.test', () => {
  let demo: RunningDemo;
  let dir: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;
  let core: CoreHost | undefined;

  beforeAll(async () => {
    dir = makeTempDir();
    ({ demo, env } = await startStillDemo(dir.path, { reportsBudget: { count: 50, windowMs: 1_000 } }));
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });
  afterAll(async () => {
    await demo.stop();
    dir.remove();
  });

  async function test(extra: NodeJS.ProcessEnv = {}): Promise<ConnectionReport> {
    ({ core } = await startTestCore(dir.path, { ...env, ...extra }));
    return core.call('connection.test', {});
  }
  const check = (checks: ConnectionCheck[], id: string) => checks.find((c) => c.id === id);

  it('passes every probe on a correctly set-up tenant and org', async () => {
    const report = await test();
    expect(report.entra.map((c) => [c.id, c.ok])).toEqual([
      ['entra.token', true],
      ['entra.servicePrincipal', true],
      ['entra.provisioningLogs', true],
      ['entra.job', true],
      ['entra.secrets', true],
      ['entra.assignments', true],
      ['entra.users', true],
    ]);
    expect(report.pulumi.map((c) => [c.id, c.ok])).toEqual([
      ['pulumi.scim', true],
      ['pulumi.rest', true],
    ]);
  });

  it('names the missing permission, and tells a missing licence apart from it', async () => {
    const client = demo.world.graph.tenant.clients.get(String(env.SCIMWATCH_CLIENT_ID));
    if (!client) throw new Error('no client');
    const granted = [...client.applicationPermissions];
    client.applicationPermissions = granted.filter((p) => p !== 'AuditLog.Read.All');
    try {
      const logs = check((await test()).entra, 'entra.provisioningLogs');
      expect(logs?.ok).toBe(false);
      expect(logs?.hint).toMatch(/AuditLog\.Read\.All/);
      expect(logs?.detail).not.toMatch(/licen/i);
    } finally {
      client.applicationPermissions = granted;
    }
    await core?.close();
    demo.world.graph.tenant.licensed = false;
    try {
      const logs = check((await test()).entra, 'entra.provisioningLogs');
      expect(logs?.ok).toBe(false);
      expect(logs?.detail).toMatch(/P1 or P2 licence/);
      expect(logs?.hint).not.toMatch(/AuditLog\.Read\.All/);
    } finally {
      demo.world.graph.tenant.licensed = true;
    }
  });

  it('rejects a wrong SCIM token the way Entra’s Test Connection would, and skips REST without a token', async () => {
    const report = await test({
      SCIMWATCH_PULUMI_SCIM_TOKEN: 'not-the-token',
      SCIMWATCH_PULUMI_ACCESS_TOKEN: '',
    });
    const scim = check(report.pulumi, 'pulumi.scim');
    expect(scim?.ok).toBe(false);
    expect(`${scim?.detail} ${scim?.hint}`).toMatch(/token/i);
    expect(check(report.pulumi, 'pulumi.rest')).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain(String(env.SCIMWATCH_CLIENT_SECRET));
  });

  it('reports what is missing when nothing is configured', async () => {
    const empty = makeTempDir();
    try {
      ({ core } = await startTestCore(empty.path, { SCIMWATCH_TENANT_ID: String(env.SCIMWATCH_TENANT_ID) }));
      const report = await core.call('connection.test', {});
      expect(report.entra[0]).toMatchObject({ ok: false, detail: 'Not configured.' });
      expect(report.entra[0]?.hint).toMatch(/client id/);
      expect(report.pulumi[0]).toMatchObject({ ok: false, hint: expect.stringMatching(/organization/) });
    } finally {
      await core?.close();
      core = undefined;
      empty.remove();
    }
  });
});
