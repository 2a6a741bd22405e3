import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { startDemo } from '../../electron/emulators/demo-runner';
import { startBenchCore } from '../bench-core';
import type { BenchCase } from '../harness';
import { logFootprint, type Footprint } from '../store-footprint';
import { allRawEntries } from '../../electron/core/store/provisioning-events-repo';

/** A day of polling at the defaults: a round every 5 minutes, an Entra cycle every 40. */
const roundsPerDay = 288;

const roundsPerCycle = 8;
const tables = [
  'provisioning_events',
  'reconciliation_runs',
  'finding_versions',
  'findings',
  'checklist_versions',
  'job_status_changes',
];

function measure(path: string): { bytes: number; rows: Record<string, number>; footprint: Footprint } {
  const db = new Database(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The log's footprint as polling left it (pages as filled by appends), before the vacuum packs them.
    let rawBytes = 0;
    for (const raw of allRawEntries(db)) rawBytes += Buffer.byteLength(raw);
    const footprint = logFootprint(db, rawBytes);
    db.exec('VACUUM');
    const rows = Object.fromEntries(
      tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
    return { bytes: statSync(path).size, rows, footprint };
  } finally {
    db.close();
  }
}

/**
 * The database's growth over one simulated day of the demo world (250 users, 20 groups, activity every
 * cycle): the real core syncs and reconciles once per round, as the scheduler does.
 */
export const demoDayGrowthCase: BenchCase = {
  name: 'reconcile.demo-day-growth',
  description: `The demo world through one day of default polling: ${roundsPerDay} rounds (sync + reconciliation, every 5 minutes of simulated time), an Entra cycle with activity every ${roundsPerCycle} rounds. The database is measured after the first round and at the end (checkpointed and vacuumed).`,
  run: async ({ workDir }) => {
    // Pacing is not what this case measures: the reports window shrinks from 10 s to 50 ms.
    const demo = await startDemo({
      intervalMs: 24 * 3_600_000,
      graph: { reportsBudget: { count: 5, windowMs: 50 } },
    });
    const core = await startBenchCore(demo, workDir, { SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: '50' });
    const database = join(workDir, 'profiles', 'default.sqlite');
    let first: ReturnType<typeof measure> | undefined;
    try {
      for (let round = 0; round < roundsPerDay; round++) {
        if (round > 0 && round % roundsPerCycle === 0) await demo.cycle();
        await core.call('sync.run', {});
        if (round === 0) first = measure(database);
      }
    } finally {
      await core.close();
      await demo.stop();
    }
    const last = measure(database);
    const start = first ?? last;
    const growth = last.bytes - start.bytes;
    const added = Object.fromEntries(tables.map((t) => [t, (last.rows[t] ?? 0) - (start.rows[t] ?? 0)]));
    return {
      status: 'ok',
      figures: [
        { name: 'database growth per day', value: Number((growth / 1024 ** 2).toFixed(2)), unit: 'MiB' },
        { name: 'reconciliation runs per day', value: added.reconciliation_runs ?? 0, unit: 'runs' },
        { name: 'finding versions added per day', value: added.finding_versions ?? 0, unit: 'rows' },
        { name: 'packed log entry, mean', value: last.footprint.packedBytesPerEntry, unit: 'B' },
        { name: 'log entry as Graph sent it, mean', value: last.footprint.rawBytesPerEntry ?? 0, unit: 'B' },
      ],
      notes: [
        `rows added over the day: ${JSON.stringify(added)}`,
        `database ${(start.bytes / 1024 ** 2).toFixed(2)} MiB after the first round, ${(last.bytes / 1024 ** 2).toFixed(2)} MiB at the end; most of the growth is the provisioning log itself`,
        `a day adds too few entries (${last.footprint.entries.toLocaleString('en')} in all) for their share of pages to mean much; store.engine-footprint measures that on thousands`,
      ],
    };
  },
};
