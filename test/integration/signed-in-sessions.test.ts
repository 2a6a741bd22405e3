import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventPayload } from '../../shared/contract';
import { profileDatabasePath } from '../../electron/core/profiles/profile-registry';
import type { RunningDemo } from '../../electron/emulators/demo-runner';
import { startTestCore } from '../helpers/core';
import { startStillDemo } from '../helpers/demo-world';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * A person signs in once with a device code; a restarted core (a cron run, the app after a reboot)
 * polls without asking again, because MSAL's cache and the account record went to our secret store.
 */
describe('device-code sign-in survives a restart', () => {
  let demo: RunningDemo;
  let dir: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = makeTempDir();
    let base: Record<string, string>;
    ({ demo, env: base } = await startStillDemo(dir.path, { reportsBudget: { count: 50, windowMs: 1_000 } }));
    const { SCIMWATCH_CLIENT_SECRET: _secret, ...withoutSecret } = base;
    env = { ...withoutSecret, SCIMWATCH_AUTH: 'device-code' };
    const client = demo.world.graph.tenant.clients.get(String(env.SCIMWATCH_CLIENT_ID));
    if (client) client.delegatedPermissions.push('Synchronization.ReadWrite.All');
  });
  afterAll(async () => {
    await demo.stop();
    dir.remove();
  });

  async function syncOnce(prompts: EventPayload<'auth.prompt'>[]) {
    const { core } = await startTestCore(dir.path, env);
    const unsubscribe = core.subscribe((event, payload) => {
      if (event !== 'auth.prompt') return;
      const prompt = payload as EventPayload<'auth.prompt'>;
      prompts.push(prompt);
      // The person opens the page and types the code.
      setTimeout(() => demo.world.graph.identity.approveDeviceCode(prompt.userCode), 100);
    });
    try {
      return (await core.call('sync.run', {})).summary;
    } finally {
      unsubscribe();
      await core.close();
    }
  }

  it('prompts once, then polls silently after a restart; the cache never reaches SQLite', async () => {
    const prompts: EventPayload<'auth.prompt'>[] = [];
    const first = await syncOnce(prompts);
    expect(prompts).toHaveLength(1);
    expect(first.errors).toEqual([]);
    expect(first.provisioningEvents.ingested).toBeGreaterThan(0);

    const second = await syncOnce(prompts);
    expect(prompts).toHaveLength(1);
    expect(second.errors).toEqual([]);

    const saved = JSON.parse(readFileSync(join(dir.path, 'secrets.json'), 'utf8')) as {
      profiles: Record<string, Record<string, string>>;
    };
    expect(Object.keys(saved.profiles.default ?? {}).sort()).toEqual([
      'authenticationRecord',
      'msalTokenCache',
    ]);
    const database = profileDatabasePath(dir.path, 'default');
    for (const file of [database, `${database}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file, 'latin1');
      } catch {
        continue;
      }
      expect(bytes).not.toContain('"AccessToken"');
      expect(bytes).not.toContain('RefreshToken');
    }
  });
});
