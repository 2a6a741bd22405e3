import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphScope } from '../../electron/core/entra/credential-factory';
import type { DeviceCodePrompt } from '../../electron/core/entra/credential-factory';
import { startGraphWorld, type GraphWorld } from '../helpers/graph';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * All four sign-in methods, through the real @azure/identity (MSAL) code paths, against the
 * emulator over loopback HTTPS with a CA handed in at run time.
 */
describe('signing in to the Graph emulator', () => {
  const dir = makeTempDir();
  let world: GraphWorld;
  beforeAll(async () => {
    world = await startGraphWorld(dir.path);
    world.emulator.tenant.addUser({ userPrincipalName: 'admin@contoso.test', displayName: 'Admin' });
  });
  afterAll(async () => {
    await world.emulator.close();
    dir.remove();
  });

  const scope = () => graphScope(world.emulator.origin);

  it('with a client secret', async () => {
    const token = await world.credential('secret').getToken(scope());
    expect(world.emulator.tokens.check(`Bearer ${token?.token}`)).toMatchObject({
      ok: true,
      grant: { kind: 'application' },
    });
  });

  it('refuses a wrong client secret with the identity platform error', async () => {
    const wrong = world.credential('secret', { secrets: { clientSecret: 'wrong' } });
    await expect(wrong.getToken(scope())).rejects.toThrow(/AADSTS7000215/);
  });

  it('with a client certificate (the assertion signature and audience are verified)', async () => {
    const token = await world.credential('certificate').getToken(scope());
    expect(world.emulator.tokens.check(`Bearer ${token?.token}`).ok).toBe(true);
  });

  it('refuses a certificate the app registration does not know', async () => {
    const { generateClientCertificate } = await import('../../electron/emulators/tls/client-certificate');
    const other = await generateClientCertificate('CN=someone else');
    const path = join(dir.path, 'other.pem');
    writeFileSync(path, other.keyPem + other.certPem);
    chmodSync(path, 0o600);
    const credential = world.credential('certificate', {
      settings: { ...world.settings('certificate'), clientCertPath: path },
    });
    await expect(credential.getToken(scope())).rejects.toThrow(/AADSTS700027/);
  });

  it('with a device code, prompting through the auth.prompt callback', async () => {
    const prompts: DeviceCodePrompt[] = [];
    const credential = world.credential('device-code', {
      onDeviceCode: (prompt) => {
        prompts.push(prompt);
        // The person opens the page and enters the code.
        setTimeout(() => world.emulator.identity.approveDeviceCode(prompt.userCode), 200);
      },
    });
    const token = await credential.getToken(scope());
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.verificationUri).toBe(`${world.emulator.origin}/devicelogin`);
    expect(world.emulator.tokens.check(`Bearer ${token?.token}`)).toMatchObject({
      ok: true,
      grant: { kind: 'delegated' },
    });
  });

  it('interactively in a browser: /authorize redirects to MSAL’s loopback listener', async () => {
    // xdg-open (used by the `open` package) runs $BROWSER; ours follows /authorize to the redirect.
    const helper = join(dir.path, 'browser.mjs');
    writeFileSync(
      helper,
      `#!/usr/bin/env node
import { request } from 'node:https';
const url = process.argv[2];
const ca = ${JSON.stringify(world.emulator.caPem)};
request(url, { ca }, (res) => {
  res.resume();
  fetch(res.headers.location).then((r) => r.text()).then(() => process.exit(0), () => process.exit(1));
}).end();
`,
    );
    chmodSync(helper, 0o755);
    // Empty XDG folders keep xdg-open from finding an installed browser before $BROWSER.
    const xdg = join(dir.path, 'xdg');
    const overrides: Record<string, string> = {
      BROWSER: helper,
      DISPLAY: ':0',
      XDG_DATA_HOME: xdg,
      XDG_DATA_DIRS: xdg,
      XDG_CONFIG_HOME: xdg,
      XDG_CONFIG_DIRS: xdg,
    };
    const saved = Object.fromEntries(Object.keys(overrides).map((k) => [k, process.env[k]]));
    Object.assign(process.env, overrides);
    try {
      const token = await world.credential('interactive').getToken(scope());
      expect(world.emulator.tokens.check(`Bearer ${token?.token}`)).toMatchObject({
        ok: true,
        grant: { kind: 'delegated' },
      });
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 60_000);
});
