import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { mergeSearchIndex, releaseFreePages } from '../../electron/core/maintenance/retention';
import { allRawEntries } from '../../electron/core/store/provisioning-events-repo';
import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import { demoActivity, demoDefaults, seedDemo } from '../../electron/emulators/scenarios/demo-scenario';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { startBenchCore } from '../bench-core';
import type { BenchCase } from '../harness';
import { logFootprint } from '../store-footprint';

const users = 4_000;
const cycles = 12;
const changesPerCycle = 150;

/**
 * What a log entry costs when the emulated engine wrote it and the real collectors stored it (the
 * scale world's history is generated, and packs better than anything Entra writes).
 */
export const engineFootprintCase: BenchCase = {
  name: 'store.engine-footprint',
  description: `Bytes per stored log entry on entries the emulated provisioning engine wrote (the demo scenario at ${users.toLocaleString('en')} users with its planted problems, then ${cycles} cycles of ${changesPerCycle} changes each: hires, disabled accounts, renames) and the real collectors read over HTTPS and stored, measured with dbstat`,
  async run({ workDir }) {
    const world = await startEmulatedWorld({
      graph: { reportsBudget: { count: 5, windowMs: 5 } },
      quarantine: { baseEscrowThreshold: 1_000_000 },
    });
    try {
      seedDemo(world, { ...demoDefaults, users, groups: 80 });
      await world.engine.runCycle();
      const activity = demoActivity(world, demoDefaults.seed + 1);
      for (let cycle = 0; cycle < cycles; cycle++) {
        for (let change = 0; change < changesPerCycle; change++) activity();
        await world.engine.runCycle();
      }
      const core = await startBenchCore(connectScimWatch(world), workDir, {
        SCIMWATCH_LOGS_PAGE_SIZE: '1000',
        SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: '5',
      });
      await core.call('sync.run', {}).finally(() => core.close());
    } finally {
      await world.close();
    }
    const db = new Database(join(workDir, 'profiles', 'default.sqlite'));
    if (process.env.SCIMWATCH_BENCH_KEEP)
      copyFileSync(join(workDir, 'profiles', 'default.sqlite'), process.env.SCIMWATCH_BENCH_KEEP);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      let rawBytes = 0;
      for (const raw of allRawEntries(db)) rawBytes += Buffer.byteLength(raw);
      const ingested = logFootprint(db, rawBytes);
      // What the hourly maintenance pass leaves: the search index's segments merged, free pages given back.
      await mergeSearchIndex(db);
      await releaseFreePages(db);
      const footprint = logFootprint(db, rawBytes);
      const failures = db
        .prepare("SELECT count(*) FROM provisioning_events WHERE status = 'failure'")
        .pluck()
        .get() as number;
      return {
        status: 'ok',
        figures: [
          { name: 'bytes per log entry as ingested', value: ingested.logBytesPerEntry, unit: 'B' },
          {
            name: 'bytes per stored log entry after the hourly maintenance (table, indexes, search)',
            value: footprint.logBytesPerEntry,
            unit: 'B',
            target: { better: 'lower', value: 1536 },
          },
          { name: 'packed entry, mean', value: footprint.packedBytesPerEntry, unit: 'B' },
          { name: 'entry as Graph sent it, mean', value: footprint.rawBytesPerEntry ?? 0, unit: 'B' },
        ],
        notes: [
          `${footprint.entries.toLocaleString('en')} entries, ${failures.toLocaleString('en')} of them failures (each keeps Entra's reason in a column too)`,
          `the whole file is ${footprint.fileBytesPerEntry.toLocaleString('en')} B per entry, the directory, teams and findings included`,
          'before this change each entry was kept whole in a table keyed by its id: 5.2 KB per entry at the scale world (4.7 GB of 5.8 GB), mostly overflow pages',
        ],
      };
    } finally {
      db.close();
    }
  },
};
