import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import type { EventName } from '../../shared/contract';
import type { HandlerContext } from '../../electron/core/handlers/context';
import { Reconciler } from '../../electron/core/reconcile/reconciler';
import { openStore } from '../../electron/core/store/open-database';
import { ManualClock } from '../../electron/core/time/clock';
import { makeTempDir } from '../helpers/temp-dir';

const silent = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };

describe('the reconciler', () => {
  const dir = makeTempDir();
  const { db } = openStore(join(dir.path, 'reconciler.sqlite'));
  const events: EventName[] = [];
  const context = {
    db,
    config: { environmentSettings: {} },
    log: silent,
    emit: (event: EventName) => void events.push(event),
  } as unknown as HandlerContext;
  afterEach(() => void (events.length = 0));
  afterAll(() => {
    db.close();
    dir.remove();
  });

  const runs = () => (db.prepare('SELECT COUNT(*) AS n FROM reconciliation_runs').get() as { n: number }).n;

  it('makes one run of several requests within the debounce window', async () => {
    const reconciler = new Reconciler(context, new ManualClock(), 20);
    const before = runs();
    for (let i = 0; i < 5; i++) reconciler.request();
    await new Promise((r) => setTimeout(r, 80));
    expect(runs() - before).toBe(1);
    expect(events).toEqual(['findings.changed']);
    await reconciler.stop();
  });

  it('lets an explicit run replace a pending request, and stop drops what is pending', async () => {
    const reconciler = new Reconciler(context, new ManualClock(), 20);
    const before = runs();
    reconciler.request();
    const run = await reconciler.runNow('manual');
    expect(run.trigger).toBe('manual');
    reconciler.request();
    await reconciler.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(runs() - before).toBe(1);
  });
});
