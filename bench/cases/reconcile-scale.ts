import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import {
  scaleDefaults,
  seedScale,
  type ScaleOptions,
} from '../../electron/emulators/scenarios/scale/scale-scenario';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { reportFormats, type ReportFormat } from '../../shared/contract';
import { startBenchCore } from '../bench-core';
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
  /** The core worker's own reconciliation right after that first sync (load and compute; from the run's timestamps). */
  workerRunMs: number;
  /** Four runs in one fresh process: the first cold, the others the steady state. */
  runs: ProbeRun[];
  /** The first run of each fresh process (this one and two more): a cold process varies from start to start. */
  coldRuns: ProbeRun[];
  peakRssBytes: number;
  /** One report of each format, each written in a process of its own. */
  reports: Record<ReportFormat, ReportProbe>;
}

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
    mkdirSync(dataDir, { recursive: true });
    const core = await startBenchCore(connectScimWatch(world), dataDir, {
      SCIMWATCH_LOGS_PAGE_SIZE: '1000',
      SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: '5',
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
  return { database, settings, collectMs, events, workerRunMs: firstRunMs(database) };
}

/** How long the first recorded reconciliation took, by its own timestamps. */
function firstRunMs(database: string): number {
  const db = new Database(database, { readonly: true });
  try {
    const run = db
      .prepare<[], { startedAt: string; finishedAt: string }>(
        'SELECT started_at AS startedAt, finished_at AS finishedAt FROM reconciliation_runs ORDER BY id LIMIT 1',
      )
      .get();
    return run ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : Number.NaN;
  } finally {
    db.close();
  }
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

interface ReportProbe {
  ms: number;
  bytes: number;
  findings: number;
  rssAtStartBytes: number;
  peakRssBytes: number;
}

/** Writes a report of each format from a database, each in a process of its own. */
function probeReports(database: string, workDir: string): Record<ReportFormat, ReportProbe> {
  return Object.fromEntries(
    reportFormats.map((format) => {
      const output = execFileSync(
        process.execPath,
        ['scripts/run-ts.mjs', 'bench/report-probe.ts', database, format, join(workDir, `report.${format}`)],
        { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      );
      return [format, JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ReportProbe];
    }),
  ) as Record<ReportFormat, ReportProbe>;
}

async function measure(options: ScaleOptions, workDir: string): Promise<Measured> {
  const { database, settings, collectMs, events, workerRunMs } = await collectScaleDatabase(options, workDir);
  const probes = [
    probeReconcile(database, settings),
    probeReconcile(database, settings, 1),
    probeReconcile(database, settings, 1),
  ];
  return {
    reports: probeReports(database, workDir),
    collectMs,
    events,
    workerRunMs,
    databaseBytes: statSync(database).size,
    runs: probes[0]?.runs ?? [],
    coldRuns: probes.flatMap((probe) => probe.runs.slice(0, 1)),
    peakRssBytes: Math.max(...probes.map((probe) => probe.peakRssBytes)),
  };
}

const ms = (value: number) => Math.round(value);
const mib = (bytes: number) => Number((bytes / 1024 ** 2).toFixed(1));
/** Runs after a process's first meet a warm process and an unchanged world (the steady state). */
const steady = (m: Measured) => median(m.runs.slice(1).map((r) => r.totalMs));
const cold = (m: Measured) => median(m.coldRuns.map((r) => r.totalMs));

export const reconcileScaleCase: BenchCase = {
  name: 'reconcile.scale',
  description:
    'Reconciliation of the scale world (100k users, 5k teams, 500k memberships, 1M log entries over 30 days, 1% drift, 2% failures) after the real collectors stored it; also at a tenth of that size, for the growth ratio. Reconciliation runs in a process of its own (load, compute, record), four times, and once in each of two more fresh processes. Then one report of each format from each database, each in a process of its own.',
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
        name: 'reconcile 100k (first run of a fresh process, median of 3)',
        value: ms(cold(full)),
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
      {
        name: 'reconcile 100k in the core worker after its first sync (load + compute)',
        value: ms(full.workerRunMs),
        unit: 'ms',
      },
      { name: 'collect 100k (first sync, all sources)', value: ms(full.collectMs), unit: 'ms' },
      ...reportFormats.flatMap((format): Figure[] => [
        {
          name: `report 100k, ${format}: database opened to last byte written`,
          value: ms(full.reports[format].ms),
          unit: 'ms',
          target: { better: 'lower', value: 10_000 },
        },
        {
          name: `report ${format}: peak RSS at 100k minus at 10k`,
          value: mib(full.reports[format].peakRssBytes - small.reports[format].peakRssBytes),
          unit: 'MiB',
          target: { better: 'lower', value: 100 },
        },
      ]),
    ];
    return {
      status: 'ok',
      figures,
      notes: [
        `100k: ${full.events.toLocaleString('en')} events stored, database ${mib(full.databaseBytes)} MiB; first run of the first process: load ${ms(first?.loadMs ?? 0)} ms, compute ${ms(first?.computeMs ?? 0)} ms, record ${ms(first?.recordMs ?? 0)} ms (${first?.opened ?? 0} findings opened)`,
        `100k findings: ${JSON.stringify(first?.findings.byKind ?? {})} (${first?.findings.roots ?? 0} roots of ${first?.findings.total ?? 0}); users ${JSON.stringify(first?.users ?? {})}`,
        `10k: ${small.events.toLocaleString('en')} events, runs ${small.runs.map((r) => ms(r.totalMs)).join(' / ')} ms; 100k runs ${full.runs.map((r) => ms(r.totalMs)).join(' / ')} ms; first runs of three fresh processes ${full.coldRuns.map((r) => ms(r.totalMs)).join(' / ')} ms`,
        "a fresh process's first run pays V8's young generation growing while every row it reads survives (measured: the users query takes about twice as long on its first call)",
        'peak RSS includes Node itself and the esbuild step that starts the probe script',
        `reports (all findings, resolved included): ${reportFormats.map((f) => `${f} ${mib(full.reports[f].bytes)} MiB in ${ms(full.reports[f].ms)} ms at 100k, ${mib(small.reports[f].bytes)} MiB in ${ms(small.reports[f].ms)} ms at 10k`).join('; ')}; ${full.reports.json.findings} open findings at 100k; peak RSS at 100k ${reportFormats.map((f) => `${f} ${mib(full.reports[f].peakRssBytes)} MiB (${mib(full.reports[f].rssAtStartBytes)} MiB before reading)`).join(', ')} (PDF: the Node process only; Chromium prints in its own)`,
      ],
    };
  },
};
