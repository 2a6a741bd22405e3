import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventPayload } from '../../shared/contract';
import type { CoreHost } from '../../electron/core/core-host';
import type { RunningDemo } from '../../electron/emulators/demo-runner';
import { startTestCore } from '../helpers/core';
import { startStillDemo } from '../helpers/demo-world';
import { makeTempDir } from '../helpers/temp-dir';

/** One long-lived core (as `serve` keeps) syncing the demo world repeatedly. */
describe('a long-lived collector session', () => {
  let demo: RunningDemo;
  let dir: ReturnType<typeof makeTempDir>;
  let core: CoreHost;
  const progress: EventPayload<'sync.progress'>[] = [];

  beforeAll(async () => {
    dir = makeTempDir();
    let env: Record<string, string>;
    ({ demo, env } = await startStillDemo(dir.path, { reportsBudget: { count: 5, windowMs: 500 } }));
    ({ core } = await startTestCore(dir.path, {
      ...env,
      SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: '500',
      SCIMWATCH_LOGS_PAGE_SIZE: '25',
    }));
    core.subscribe((event, payload) => {
      if (event === 'sync.progress') progress.push(payload as EventPayload<'sync.progress'>);
    });
    const first = await core.call('sync.run', {});
    expect(first.summary.errors).toEqual([]);
  });
  afterAll(async () => {
    await core.close();
    await demo.stop();
    dir.remove();
  });

  it('reported the first run as a backfill, page by page, with growing counts', () => {
    const backfill = progress.filter((p) => p.source === 'entra' && p.phase === 'backfill');
    // 25 entries a page: the demo's first cycle alone fills more than ten.
    expect(backfill.length).toBeGreaterThan(10);
    expect(backfill.map((p) => p.done)).toEqual([...backfill.map((p) => p.done)].sort((a, b) => a - b));
    expect(backfill.at(-1)?.message).toMatch(/^Read [\d,]+ provisioning log entries up to /);
  });

  it('signs in again when Graph refuses a token MSAL still holds as valid', async () => {
    demo.world.graph.tokens.revokeAll();
    await demo.world.engine.runCycle();
    const second = await core.call('sync.run', {});
    expect(second.summary.errors).toEqual([]);
  });

  it('waits out a storm of 429s with Retry-After and loses nothing', async () => {
    for (let i = 0; i < 4; i++) {
      const [someone] = [...demo.world.graph.tenant.users.values()].slice(i * 7);
      if (someone) demo.world.graph.tenant.updateUser(someone.id, { displayName: `Storm ${i}` });
      await demo.world.engine.runCycle();
    }
    // A quarter of every Graph request answered 429 with Retry-After: 1 (the client retries up to 6 times).
    demo.world.graph.faults.update({ rate429: 0.25, retryAfterSeconds: 1 });
    try {
      const stormy = await core.call('sync.run', {});
      expect(stormy.summary.errors).toEqual([]);
      expect(demo.world.graph.faults.injected[429]).toBeGreaterThan(0);
    } finally {
      demo.world.graph.faults.update({ rate429: 0 });
    }
    const status = await core.call('app.status', {});
    expect(status.database.provisioningEvents).toBe(demo.world.graph.tenant.log.size);
  });
});
