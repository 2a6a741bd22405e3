import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ScimWatchError } from '../../shared/contract';
import type { CoreHost } from '../../electron/core/core-host';
import { migrations } from '../../electron/core/store/migrations';
import { ProvisioningEventsRepo } from '../../electron/core/store/provisioning-events-repo';
import { makeTempDir } from '../helpers/temp-dir';
import { startTestCore } from '../helpers/core';

const guid = '11111111-2222-3333-4444-555555555555';

describe('the core host', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: CoreHost | undefined;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.remove();
  });

  it('starts on the demo profile when nothing is configured', async () => {
    ({ core } = await startTestCore(dir.path));
    const status = await core.call('app.status', {});
    expect(status.profile).toEqual({ name: 'demo', mode: 'demo', active: true, missing: [] });
    expect(status.database.path).toBe(join(dir.path, 'profiles', 'demo.sqlite'));
    expect(status.database.schemaVersion).toBe(migrations.length);
  });

  it('reports what a partly configured live profile lacks, without falling back to demo', async () => {
    ({ core } = await startTestCore(dir.path, { SCIMWATCH_TENANT_ID: guid, SCIMWATCH_PULUMI_ORG: 'acme' }));
    const status = await core.call('app.status', {});
    expect(status.profile.name).toBe('default');
    expect(status.profile.mode).toBe('live');
    expect(status.profile.missing).toContain('SCIMWATCH_CLIENT_ID');
    expect(status.sources.entra.health).toBe('not_configured');
  });

  it('saves settings and secrets; secrets come back only as set/unset', async () => {
    ({ core } = await startTestCore(dir.path, { SCIMWATCH_PROFILE: 'prod', SCIMWATCH_TENANT_ID: guid }));
    const events: string[] = [];
    core.subscribe((event) => events.push(event));
    const view = await core.call('settings.update', {
      values: { pulumiOrg: 'acme', tenantId: 'contoso.onmicrosoft.com' },
      secrets: { pulumiScimToken: 'scim-token-written-once' },
    });
    expect(view.values.pulumiOrg).toEqual({ value: 'acme', source: 'saved' });
    // The environment still wins over the saved tenant.
    expect(view.values.tenantId).toEqual({ value: guid, source: 'environment' });
    expect(view.secrets.pulumiScimToken).toEqual({ set: true, source: 'saved' });
    expect(JSON.stringify(view)).not.toContain('scim-token-written-once');
    expect(events).toContain('status.changed');
    await core.call('settings.update', { secrets: { pulumiScimToken: null }, values: { pulumiOrg: null } });
    const cleared = await core.call('settings.get', {});
    expect(cleared.secrets.pulumiScimToken).toEqual({ set: false, source: null });
    expect(cleared.values.pulumiOrg.value).toBeNull();
  });

  it('answers invalid input with a contract error', async () => {
    ({ core } = await startTestCore(dir.path));
    await expect(core.dispatch('settings.update', { values: { clientId: 'nope' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('values.clientId'),
    });
    await expect(core.dispatch('retry.run', { objects: [{ entraId: 'not-a-uuid' }] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    // Without an operator (a server started without one) nothing is done to the tenant, and it says why.
    await expect(
      core.dispatch('retry.run', { objects: [{ entraId: '00000000-0000-4000-8000-000000000001' }] }),
    ).rejects.toMatchObject({ code: 'forbidden', hint: expect.stringContaining('--operator') });
  });

  it('reconciles a profile that has collected nothing without claiming any finding', async () => {
    ({ core } = await startTestCore(dir.path));
    const run = await core.call('reconcile.run', {});
    expect(run.counts.findings.total).toBe(0);
    const snapshot = await core.call('reconcile.get', {});
    expect(snapshot?.run.id).toBe(run.id);
    expect(snapshot?.checklist.every((step) => step.outcome === 'unknown')).toBe(true);
  });

  it('creates, lists and switches profiles; the choice survives a restart', async () => {
    ({ core } = await startTestCore(dir.path));
    await core.call('profiles.create', { name: 'staging' });
    expect((await core.call('profiles.list', {})).map((p) => [p.name, p.active])).toEqual([
      ['demo', true],
      ['staging', false],
    ]);
    const status = await core.call('profiles.select', { name: 'staging' });
    expect(status.profile).toMatchObject({ name: 'staging', mode: 'live' });
    await expect(core.call('profiles.select', { name: 'nowhere' })).rejects.toMatchObject({
      code: 'profile_unknown',
    });
    await core.close();
    ({ core } = await startTestCore(dir.path));
    expect(core.activeProfile).toBe('staging');
  });

  it('refuses to switch a profile pinned by SCIMWATCH_PROFILE', async () => {
    ({ core } = await startTestCore(dir.path, { SCIMWATCH_PROFILE: 'prod' }));
    await expect(core.call('profiles.select', { name: 'demo' })).rejects.toMatchObject({
      code: 'profile_pinned',
    });
  });

  it('pages provisioning events with filters and a cursor', async () => {
    ({ core } = await startTestCore(dir.path));
    const databasePath = (await core.call('app.status', {})).database.path;
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(databasePath);
    // Through the repository, as ingest writes them: numbered and indexed for search.
    new ProvisioningEventsRepo(db).insertBatch(
      Array.from({ length: 120 }, (_, i) => ({
        id: `e${i}`,
        activityDateTime: new Date(Date.now() - (120 - i) * 60_000).toISOString(),
        status: i % 4 ? ('success' as const) : ('failure' as const),
        action: 'create' as const,
        identityType: 'User' as const,
        sourceId: null,
        sourceDisplayName: `User ${i}`,
        targetId: null,
        targetDisplayName: null,
        errorCode: null,
        cause: null,
        cycleId: null,
        jobId: null,
        changeId: null,
        raw: '{}',
        ingestedAt: new Date().toISOString(),
      })),
    );
    db.close();
    const first = await core.call('provisioningEvents.list', { limit: 20, filter: { status: 'failure' } });
    expect(first.items).toHaveLength(20);
    expect(first.items.every((e) => e.status === 'failure')).toBe(true);
    expect((first.items[0]?.activityDateTime ?? '') > (first.items[1]?.activityDateTime ?? '')).toBe(true);
    const second = await core.call('provisioningEvents.list', {
      limit: 20,
      filter: { status: 'failure' },
      cursor: first.nextCursor ?? '',
    });
    expect(second.items).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    const search = await core.call('provisioningEvents.list', { filter: { text: 'user 11' } });
    expect(search.items.map((e) => e.sourceDisplayName).sort()).toEqual([
      'User 11',
      'User 110',
      'User 111',
      'User 112',
      'User 113',
      'User 114',
      'User 115',
      'User 116',
      'User 117',
      'User 118',
      'User 119',
    ]);
  });

  it('keeps secrets out of the database files', async () => {
    ({ core } = await startTestCore(dir.path, { SCIMWATCH_PROFILE: 'prod' }));
    await core.call('settings.update', { secrets: { clientSecret: 'database-must-never-see-this' } });
    await core.close();
    core = undefined;
    const profiles = join(dir.path, 'profiles');
    for (const file of readdirSync(profiles)) {
      expect(readFileSync(join(profiles, file)).includes('database-must-never-see-this'), file).toBe(false);
    }
  });
});

describe('a one-shot core', () => {
  it('runs in the caller’s thread with a worker’s contract: secrets through the host, events, errors, a clean close', async () => {
    const dir = makeTempDir();
    try {
      const { core, logLines } = await startTestCore(
        dir.path,
        { SCIMWATCH_PROFILE: 'prod', SCIMWATCH_TENANT_ID: guid },
        { hostKind: 'cli', oneShot: true },
      );
      const events: string[] = [];
      core.subscribe((event) => events.push(event));
      const view = await core.call('settings.update', {
        values: { pulumiOrg: 'acme' },
        secrets: { pulumiScimToken: 'one-shot-token-never-shown' },
      });
      expect(view.secrets.pulumiScimToken).toEqual({ set: true, source: 'saved' });
      expect(JSON.stringify(view)).not.toContain('one-shot-token-never-shown');
      expect(events).toContain('status.changed');
      // A service's refusal arrives as the contract error a worker would have sent.
      const refused = await core
        .call('retry.run', { allFailed: true, force: false })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ScimWatchError);
      expect((refused as ScimWatchError).code).toBe('not_configured');
      const database = (await core.call('app.status', {})).database.path;
      await core.close();
      // Closed cleanly: no crash marker left beside the file, so the next open owes no check.
      expect(readdirSync(join(dir.path, 'profiles')).filter((f) => f.includes('.open-'))).toEqual([]);
      expect(logLines.join('\n')).not.toContain('one-shot-token-never-shown');
      const again = await startTestCore(dir.path, { SCIMWATCH_PROFILE: 'prod' }, { oneShot: true });
      expect((await again.core.call('app.status', {})).database).toMatchObject({ path: database });
      expect((await again.core.call('settings.get', {})).values.pulumiOrg.value).toBe('acme');
      await again.core.close();
    } finally {
      dir.remove();
    }
  });
});

describe('the demo database', () => {
  it('starts empty for pollers that ask for it, and is kept otherwise', async () => {
    const dir = makeTempDir();
    try {
      const first = await startTestCore(dir.path);
      const path = (await first.core.call('app.status', {})).database.path;
      await first.core.call('settings.update', { values: { pulumiOrg: 'leftover' } });
      await first.core.close();
      const kept = await startTestCore(dir.path);
      expect((await kept.core.call('settings.get', {})).values.pulumiOrg.value).toBe('leftover');
      await kept.core.close();
      const fresh = await startTestCore(dir.path, {}, { freshDemoDatabase: true });
      expect((await fresh.core.call('settings.get', {})).values.pulumiOrg.value).toBeNull();
      expect((await fresh.core.call('app.status', {})).database.path).toBe(path);
      await fresh.core.close();
    } finally {
      dir.remove();
    }
  });
});
