import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCredential } from '../../electron/core/entra/credential-factory';
import { EntraGraph } from '../../electron/core/entra/graph-api';
import { createGraphClient } from '../../electron/core/entra/graph-client';
import { PulumiScimClient } from '../../electron/core/pulumi/scim-client';
import { systemClock } from '../../electron/core/time/clock';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import { cliPath, runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';

describe('scimwatch demo --print-env', () => {
  const dir = makeTempDir();
  let child: ReturnType<typeof spawn>;
  let envFile = '';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    child = spawn(process.execPath, [cliPath, 'demo', '--print-env', '--interval', '0.3'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SCIMWATCH_DATA_DIR: dir.path },
    });
    envFile = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no env file printed:\n${out}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Environment file \(owner-only\): (\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? '');
        }
      });
    });
    env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    // Let a cycle or two run.
    await new Promise((r) => setTimeout(r, 1500));
  }, 60_000);
  afterAll(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    dir.remove();
  });

  it('writes an owner-only env file with every connection variable and the CA', () => {
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    for (const name of [
      'SCIMWATCH_TENANT_ID',
      'SCIMWATCH_CLIENT_ID',
      'SCIMWATCH_CLIENT_SECRET',
      'SCIMWATCH_SERVICE_PRINCIPAL_ID',
      'SCIMWATCH_GRAPH_URL',
      'SCIMWATCH_AUTHORITY_HOST',
      'SCIMWATCH_PULUMI_ORG',
      'SCIMWATCH_PULUMI_SCIM_TOKEN',
      'SCIMWATCH_PULUMI_API_URL',
      'SCIMWATCH_PULUMI_ACCESS_TOKEN',
      'SCIMWATCH_CA_FILE',
    ]) {
      expect(env[name], name).toBeTruthy();
    }
    expect(statSync(env.SCIMWATCH_CA_FILE ?? '').mode & 0o777).toBe(0o600);
  });

  it('points ScimWatch at a fully configured live profile', () => {
    const other = makeTempDir();
    const result = runCli(['status', '--json'], { ...env, SCIMWATCH_DATA_DIR: other.path });
    other.remove();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      profile: { name: 'default', mode: 'live', missing: [] },
    });
  });

  it('serves a living world to the app’s own clients', async () => {
    const transport = new TransportFactory({ env: {}, caFile: env.SCIMWATCH_CA_FILE });
    const credential = createCredential({
      settings: {
        tenantId: env.SCIMWATCH_TENANT_ID ?? '',
        clientId: env.SCIMWATCH_CLIENT_ID ?? '',
        authMethod: 'secret',
        authorityHost: env.SCIMWATCH_AUTHORITY_HOST ?? '',
      },
      secrets: { clientSecret: env.SCIMWATCH_CLIENT_SECRET },
      transport,
    });
    const graph = new EntraGraph(
      createGraphClient({
        graphUrl: env.SCIMWATCH_GRAPH_URL ?? '',
        credential,
        transport,
        clock: systemClock,
        budgetFor: () => undefined,
      }),
    );
    const first = await graph
      .provisioningEvents({ servicePrincipalId: env.SCIMWATCH_SERVICE_PRINCIPAL_ID ?? '', top: 50 })
      .next();
    expect((first.value as unknown[]).length).toBe(50);
    const scim = new PulumiScimClient({
      baseUrl: `${env.SCIMWATCH_PULUMI_API_URL}/scim/v2/${env.SCIMWATCH_PULUMI_ORG}`,
      token: env.SCIMWATCH_PULUMI_SCIM_TOKEN ?? '',
      transport,
    });
    expect((await scim.listUsers()).length).toBeGreaterThan(200);
    await transport.close();
  });
});
