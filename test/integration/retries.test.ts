import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isFinishedAction, type ActionDetail, type ActionRow } from '../../shared/contract';
import { startCatalogWorld, type CatalogWorld } from '../../electron/emulators/scenarios/catalog';
import { addAssignedGroup, addAssignedUser } from '../../electron/emulators/scenarios/world-steps';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { runCliAsync } from '../helpers/cli';
import { startTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';
import { watchWorld, type WatchedWorld } from '../helpers/watched-world';

/**
 * provisionOnDemand's and the reports' limits (5 per window) with the window scaled on both sides to a second, a log
 * that lags the action as Graph's does, and verification passes every 300 ms.
 */
const onDemandWindowMs = 1000;
const environment = {
  SCIMWATCH_VERIFY_EVERY_MS: '300',
  SCIMWATCH_ON_DEMAND_WINDOW_MS: String(onDemandWindowMs),
  // Each verification pass reads the log, whose limit (5 per 10 s) is scaled the same way.
  SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: String(onDemandWindowMs),
};
const logDelayMs = 700;

describe('retries through provisionOnDemand, verified against the log and Pulumi', () => {
  const dir = makeTempDir();
  let world: CatalogWorld;
  let watched: WatchedWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    world = await startCatalogWorld(undefined, {
      onDemandBudget: { count: 5, windowMs: onDemandWindowMs },
      reportsBudget: { count: 5, windowMs: onDemandWindowMs },
    });
    ids.fixed = addAssignedUser(world, 'fixed@contoso.test', { mail: null });
    ids.unfixed = addAssignedUser(world, 'unfixed@contoso.test', { mail: null });
    ids.gone = addAssignedUser(world, 'gone@contoso.test');
    const members = Array.from({ length: 12 }, (_, i) => addAssignedUser(world, `m${i}@contoso.test`));
    ids.big = addAssignedGroup(world, 'Platform', members);
    ids.long = addAssignedGroup(world, `Team ${'x'.repeat(300)}`);
    ids.healthy = addAssignedUser(world, 'healthy@contoso.test');
    for (let i = 0; i < 20; i++) ids[`bulk${i}`] = addAssignedUser(world, `bulk${i}@contoso.test`);
    for (let i = 0; i < 3; i++) ids[`crash${i}`] = addAssignedUser(world, `crash${i}@contoso.test`);
    await world.engine.runCycle();
    watched = await watchWorld(world, dir.path, environment, { actor: 'Ada Admin' });
    await watched.sync();
    // From here on the log lags the actions, as Graph's does (by minutes there).
    world.graph.tenant.log.delayMs = logDelayMs;
  }, 60_000);
  afterAll(async () => {
    await watched?.core.close();
    await world?.close();
    dir.remove();
  });

  const call = <M extends Parameters<WatchedWorld['core']['call']>[0]>(
    method: M,
    input: Parameters<WatchedWorld['core']['call']>[1] & object,
  ) => watched.core.call(method, input as never);

  const openFindingsOf = async (entraId: string) =>
    ((await watched.core.call('reconcile.get', {}))?.findings ?? []).filter((f) => f.entraId === entraId);

  /** Waits until every action named has ended, and returns them whole. */
  async function ended(actions: ActionRow[], timeoutMs = 20_000): Promise<ActionDetail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const details = await Promise.all(actions.map((a) => watched.core.call('actions.get', { id: a.id })));
      if (details.every((d) => d && isFinishedAction(d.state))) return details as ActionDetail[];
      if (Date.now() > deadline)
        throw new Error(`still running: ${JSON.stringify(details.map((d) => d?.state))}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('a failure whose cause was fixed ends verified succeeded, and its finding resolves', async () => {
    expect((await openFindingsOf(ids.fixed!)).map((f) => f.kind)).toContain('user.missing_email');
    world.graph.tenant.updateUser(ids.fixed!, { mail: 'fixed@contoso.test' });
    const { queued, refused } = await call('retry.run', { objects: [{ entraId: ids.fixed! }] });
    expect(refused).toEqual([]);
    const [done] = await ended(queued);
    expect(done).toMatchObject({ state: 'verified_succeeded', actor: 'Ada Admin', objectType: 'user' });
    expect(done!.steps.length).toBeGreaterThan(0);
    expect(await openFindingsOf(ids.fixed!)).toEqual([]);
  });

  it('refuses what the evidence says will fail again, and sent anyway it ends verified failed with the same cause', async () => {
    const first = await call('retry.run', { objects: [{ entraId: ids.unfixed! }] });
    expect(first.queued).toEqual([]);
    expect(first.refused).toEqual([
      expect.objectContaining({ canForce: true, reason: expect.stringContaining('no mail') }),
    ]);
    const forced = await call('retry.run', { objects: [{ entraId: ids.unfixed! }], force: true });
    const [done] = await ended(forced.queued);
    expect(done).toMatchObject({
      state: 'verified_failed',
      forced: true,
      outcomeCause: 'missing_required_value',
    });
  });

  it('refuses an object deleted in Entra and a team name still too long', async () => {
    world.graph.tenant.deleteUser(ids.gone!);
    await watched.sync();
    const { queued, refused } = await call('retry.run', {
      objects: [{ entraId: ids.gone! }, { entraId: ids.long!, objectType: 'group' }],
    });
    expect(queued).toEqual([]);
    expect(refused).toEqual([
      expect.objectContaining({
        entraId: ids.gone,
        canForce: false,
        reason: expect.stringContaining('no longer exists'),
      }),
      expect.objectContaining({
        entraId: ids.long,
        canForce: true,
        reason: expect.stringContaining('at most'),
      }),
    ]);
  });

  it('sends a group of 12 as three requests of at most 5 members, after the users asked with it', async () => {
    const { queued } = await call('retry.run', {
      objects: [{ entraId: ids.big!, objectType: 'group' }, { entraId: ids.healthy! }],
    });
    expect(queued.filter((a) => a.objectType === 'group').map((a) => a.memberIds.length)).toEqual([5, 5, 2]);
    const done = await ended(queued);
    const user = done.find((a) => a.objectType === 'user')!;
    for (const group of done.filter((a) => a.objectType === 'group')) {
      expect(group.sentAt! > user.sentAt!).toBe(true);
      expect((group.request as { subject: { memberIds: string[] } }).subject.memberIds).toEqual(
        group.memberIds,
      );
    }
    expect(done.map((a) => a.state)).toEqual(done.map(() => 'verified_succeeded'));
  });

  it('paces 20 queued retries to the limit, causing no 429', async () => {
    const limiter = world.graph.context.onDemandLimiter;
    const rejected = limiter.rejected;
    const objects = Array.from({ length: 20 }, (_, i) => ({ entraId: ids[`bulk${i}`]! }));
    const { queued } = await call('retry.run', { objects });
    const done = await ended(queued, 30_000);
    const sent = done.map((a) => Date.parse(a.sentAt!)).sort((a, b) => a - b);
    // 20 requests at 5 a window: the 16th cannot leave before three windows have passed.
    expect(sent.at(-1)! - sent[0]!).toBeGreaterThanOrEqual(3 * onDemandWindowMs - 50);
    expect(limiter.rejected).toBe(rejected);
  }, 40_000);

  it('restarts the job with the chosen reset scope, recorded with who asked', async () => {
    const action = await call('job.run', { action: 'restart', resetScopes: ['Watermark', 'Escrows'] });
    expect(action).toMatchObject({ kind: 'job.restart', state: 'done', actor: 'Ada Admin' });
    expect(world.graph.tenant.restarts.at(-1)).toEqual({
      jobId: world.jobId,
      resetScope: 'Watermark, Escrows',
    });
    const trail = await call('actions.list', { filter: { kind: 'job.restart' } });
    expect(trail.items[0]?.id).toBe(action.id);
  });

  it('is read-only without the write permission in the token, and says which one', async () => {
    const readOnlyDir = makeTempDir();
    const readOnly = await watchWorld(world, readOnlyDir.path, environment, { actor: 'Ada Admin' });
    try {
      const client = world.graph.tenant.clients.get(readOnly.clientId)!;
      client.applicationPermissions = client.applicationPermissions
        .filter((p) => p !== 'Synchronization.ReadWrite.All' && p !== 'Application.ReadWrite.OwnedBy')
        .concat('Synchronization.Read.All');
      await readOnly.sync();
      const status = await readOnly.core.call('app.status', {});
      expect(status.actions).toMatchObject({ allowed: false, source: 'roles' });
      expect(status.actions.reason).toContain('Synchronization.ReadWrite.All');
      await expect(readOnly.core.call('retry.run', { allFailed: true })).rejects.toMatchObject({
        code: 'forbidden',
      });
      const statusOfWriter = await call('app.status', {});
      expect(statusOfWriter.actions).toMatchObject({ allowed: true, actor: 'Ada Admin' });
    } finally {
      await readOnly.core.close();
      readOnlyDir.remove();
    }
  });

  it('survives SIGKILL before the send, after it and while verifying: each ends once, none re-sent without the admin', async () => {
    const crashDir = makeTempDir();
    const connection = connectScimWatch(world);
    const caFile = join(crashDir.path, 'ca.pem');
    writeFileSync(caFile, connection.caPem, { mode: 0o600 });
    const env = {
      ...connection.environment,
      ...environment,
      SCIMWATCH_CA_FILE: caFile,
      SCIMWATCH_DATA_DIR: crashDir.path,
      SCIMWATCH_RETRY_DELAY_MS: '100',
    };
    const limiter = world.graph.context.onDemandLimiter;
    const points = ['retry.before-send', 'retry.after-send', 'retry.verifying'] as const;
    const sentByCrashed: Record<string, number> = {};
    const sentAfterRestart: Record<string, number> = {};
    const endedAs: Record<string, string | undefined> = {};
    try {
      expect((await runCliAsync(['sync', '--once', '--json'], env)).code).toBe(0);
      for (const [i, point] of points.entries()) {
        const entraId = ids[`crash${i}`]!;
        const before = limiter.accepted.length;
        const crash = await runCliAsync(['retry', '--object', entraId, '--json'], {
          ...env,
          SCIMWATCH_TEST_CRASH_AT: point,
        });
        expect(crash.signal, crash.stderr).toBe('SIGKILL');
        sentByCrashed[point] = limiter.accepted.length - before;
        // The restart: a core that may act settles what was in flight and resumes the queue.
        const { core } = await startTestCore(crashDir.path, env, { actor: 'Ada Admin' });
        try {
          await core.call('retry.control', { action: 'resume' });
          for (let waited = 0; ; waited += 100) {
            const q = await core.call('retry.status', {});
            if (q.queued + q.sending + q.verifying === 0) break;
            if (waited > 20_000) throw new Error(`queue did not settle after ${point}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          const trail = await core.call('actions.list', { filter: { entraId } });
          expect(trail.items, point).toHaveLength(1);
          endedAs[point] = trail.items[0]?.state;
        } finally {
          await core.close();
        }
        sentAfterRestart[point] = limiter.accepted.length - before - sentByCrashed[point];
      }
    } finally {
      crashDir.remove();
    }
    expect(sentByCrashed).toEqual({ 'retry.before-send': 0, 'retry.after-send': 1, 'retry.verifying': 1 });
    // Only the request that never left is sent after the restart; the one in flight waits for a person.
    expect(sentAfterRestart).toEqual({ 'retry.before-send': 1, 'retry.after-send': 0, 'retry.verifying': 0 });
    expect(endedAs).toEqual({
      'retry.before-send': 'verified_succeeded',
      'retry.after-send': 'outcome_unknown',
      'retry.verifying': 'verified_succeeded',
    });
  }, 60_000);
});
