import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CoreHost } from '../../electron/core/core-host';
import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import {
  scaleDefaults,
  seedScale,
  type ScaleOptions,
} from '../../electron/emulators/scenarios/scale/scale-scenario';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { median, type BenchCase, type Figure } from '../harness';

interface ProbeRun {
  loadMs: number;
  computeMs: number;
  recordMs: number;
  totalMs: number;
  findings: { total: number; roots: number; byKind: Record<string, number> };
  users: { inScope: number; matched: number; inSync: number };
  opened: number;
}

interface Measured {
  collectMs: number;
  databaseBytes: number;
  events: number;
  runs: ProbeRun[];
  peakRssBytes: number;
}

const workerEntry = new URL('../../out/node/core-worker.js', import.meta.url);

/**
 * Fills a real database the way ScimWatch does — the collectors reading the scale world over loopback
 * HTTPS (pacing window shrunk, page size 1,000) — then reconciles it in a separate process.
 */
export async function collectScaleDatabase(options: ScaleOptions, workDir: string) {
  const world = await startEmulatedWorld({ graph: { reportsBudget: { count: 5, windowMs: 5 } } });
  const dataDir = join(workDir, `scale-${options.users}`);
  let collectMs: number;
  let events: number;
  try {
    seedScale(world, { ...options, endsAt: Date.now() - 3_600_000 });
    const connection = connectScimWatch(world);
    const caFile = join(workDir, `ca-${options.users}.pem`);
    writeFileSync(caFile, connection.caPem);
    const core = await CoreHost.start({
      hostKind: 'cli',
      oneShot: true,
      workerEntry,
      env: {
        ...connection.environment,
        SCIMWATCH_CA_FILE: caFile,
        SCIMWATCH_DATA_DIR: dataDir,
        SCIMWATCH_LOGS_PAGE_SIZE: '1000',
        SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: '5',
      },
      logWrite: () => undefined,
    });
    try {
      const started = performance.now();
      const result = await core.call('sync.run', {});
      collectMs = performance.now() - started;
      if (result.summary.errors.length) throw new Error(JSON.stringify(result.summary.errors));
      events = result.summary.provisioningEvents.total;
    } finally {
      await core.close();
    }
  } finally {
    await world.close();
  }
  const database = join(dataDir, 'profiles', 'default.sqlite');
  const settings = { pulumiOrg: world.pulumi.org.name, pulumiApiUrl: world.pulumi.origin };
  return { database, settings, collectMs, events };
}

/** Reconciles a database in a process of its own (so its peak memory is its own), `runs` times. */
export function probeReconcile(database: string, settings: object, runs = 4) {
  const output = execFileSync(
    process.execPath,
    ['scripts/run-ts.mjs', 'bench/reconcile-probe.ts', database, JSON.stringify(settings), String(runs)],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { runs: ProbeRun[]; peakRssBytes: number };
}

async function measure(options: ScaleOptions, workDir: string): Promise<Measured> {
  const { database, settings, collectMs, events } = await collectScaleDatabase(options, workDir);
  return { collectMs, events, databaseBytes: statSync(database).size, ...probeReconcile(database, settings) };
}

const ms = (value: number) => Math.round(value);
const mib = (bytes: number) => Number((bytes / 1024 ** 2).toFixed(1));
/** Runs after the first record every finding once; later ones meet an unchanged world (the steady state). */
const steady = (m: Measured) => median(m.runs.slice(1).map((r) => r.totalMs));

export const reconcileScaleCase: BenchCase = {
  name: 'reconcile.scale',
  description:
    'Reconciliation of the scale world (100k users, 5k teams, 500k memberships, 1M log entries over 30 days, 1% drift, 2% failures) after the real collectors stored it; also at a tenth of that size, for the growth ratio. Reconciliation runs in a process of its own (load, compute, record), four times.',
  run: async ({ workDir }) => {
    const tenth: ScaleOptions = {
      ...scaleDefaults,
      users: scaleDefaults.users / 10,
      groups: scaleDefaults.groups / 10,
      memberships: scaleDefaults.memberships / 10,
      logEntries: scaleDefaults.logEntries / 10,
    };
    const small = await measure(tenth, workDir);
    const full = await measure(scaleDefaults, workDir);
    const first = full.runs[0];
    const ratio = steady(full) / steady(small);
    const figures: Figure[] = [
      {
        name: 'reconcile 100k (first run)',
        value: ms(first?.totalMs ?? 0),
        unit: 'ms',
        target: { better: 'lower', value: 3_000 },
      },
      {
        name: 'reconcile 100k (steady)',
        value: ms(steady(full)),
        unit: 'ms',
        target: { better: 'lower', value: 3_000 },
      },
      {
        name: 'peak RSS of the reconciling process',
        value: mib(full.peakRssBytes),
        unit: 'MiB',
        target: { better: 'lower', value: 1024 },
      },
      { name: 'reconcile 10k (steady)', value: ms(steady(small)), unit: 'ms' },
      {
        name: 'time ratio 100k / 10k',
        value: Number(ratio.toFixed(1)),
        unit: '×',
        target: { better: 'lower', value: 15 },
      },
      { name: 'collect 100k (first sync, all sources)', value: ms(full.collectMs), unit: 'ms' },
    ];
    return {
      status: 'ok',
      figures,
      notes: [
        `100k: ${full.events.toLocaleString('en')} events stored, database ${mib(full.databaseBytes)} MiB; first run: load ${ms(first?.loadMs ?? 0)} ms, compute ${ms(first?.computeMs ?? 0)} ms, record ${ms(first?.recordMs ?? 0)} ms (${first?.opened ?? 0} findings opened)`,
        `100k findings: ${JSON.stringify(first?.findings.byKind ?? {})} (${first?.findings.roots ?? 0} roots of ${first?.findings.total ?? 0}); users ${JSON.stringify(first?.users ?? {})}`,
        `10k: ${small.events.toLocaleString('en')} events, runs ${small.runs.map((r) => ms(r.totalMs)).join(' / ')} ms; 100k runs ${full.runs.map((r) => ms(r.totalMs)).join(' / ')} ms`,
        'peak RSS includes Node itself and the esbuild step that starts the probe script',
      ],
    };
  },
};
