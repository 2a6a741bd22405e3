import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

import Database from 'better-sqlite3';

import { backupDatabase } from '../../electron/core/maintenance/backup';
import { pruneBatchRows, pruneHistory, releaseFreePages } from '../../electron/core/maintenance/retention';
import { drainChanges } from '../../electron/core/store/conversion-catch-up';
import { syncToDisk } from '../../electron/core/store/disk-space';
import { checkDatabase } from '../../electron/core/store/integrity-check';
import { closeStore, openStore } from '../../electron/core/store/open-database';
import { beginConversion, copyConverted, recordCopied } from '../../electron/core/store/store-conversion';
import { scaleDefaults } from '../../electron/emulators/scenarios/scale/scale-scenario';
import { collectGarbage, median, type BenchCase, type Figure } from '../harness';
import { writeLegacyLayout } from '../legacy-store';
import { logFootprint } from '../store-footprint';
import { collectScaleDatabase } from './reconcile-scale';

const cliRuns = 5;
const prunedEntries = 100_000;
const mib = (bytes: number) => Number((bytes / 1024 ** 2).toFixed(1));

/** Wall time of a CLI command on the scale store, from spawn to exit (median of five). */
function timeCli(command: string, dataDir: string): number {
  const env = { ...process.env, SCIMWATCH_DATA_DIR: dataDir, SCIMWATCH_PROFILE: 'default' };
  const times = Array.from({ length: cliRuns }, () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['bin/scimwatch.js', command], { env, encoding: 'utf8' });
    if (result.status === null || !result.stdout) throw new Error(`${command} failed: ${result.stderr}`);
    return performance.now() - started;
  });
  return Math.round(median(times));
}

/** Prunes the oldest 100k entries of a copy, then gives the pages back; both timed. */
async function measurePruning(database: string, workDir: string) {
  const copy = join(workDir, 'pruned.sqlite');
  copyFileSync(database, copy);
  const { db } = openStore(copy);
  try {
    const cutoff = db
      .prepare(
        'SELECT activity_date_time FROM provisioning_events ORDER BY activity_date_time LIMIT 1 OFFSET ?',
      )
      .pluck()
      .get(prunedEntries) as string;
    let started = performance.now();
    const removed = await pruneHistory(db, cutoff);
    const pruneMs = performance.now() - started;
    const before = statSync(copy).size;
    started = performance.now();
    const pages = await releaseFreePages(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const releaseMs = performance.now() - started;
    return { removed, pruneMs, releaseMs, returnedBytes: before - statSync(copy).size, pages };
  } finally {
    closeStore(db);
  }
}

/** The upgrade from the whole-entry layout (schema 11) on a copy turned back into that layout. */
function measureUpgrade(database: string, workDir: string) {
  const legacy = join(workDir, 'legacy', 'default.sqlite');
  const made = performance.now();
  mkdirSync(dirname(legacy), { recursive: true });
  copyFileSync(database, legacy);
  writeLegacyLayout(legacy);
  const makeMs = performance.now() - made;
  const legacyBytes = statSync(legacy).size;
  const started = performance.now();
  const { db, notices } = openStore(legacy);
  const ms = performance.now() - started;
  closeStore(db);
  return { path: legacy, ms, makeMs, legacyBytes, upgradedBytes: statSync(legacy).size, notices };
}

/** Prunes the oldest `rows` entries still stored (a day of retention, as the writer would). */
async function pruneOldest(db: Database.Database, rows: number): Promise<number> {
  const cutoff = db
    .prepare(
      'SELECT activity_date_time FROM provisioning_events ORDER BY activity_date_time LIMIT 1 OFFSET ?',
    )
    .pluck()
    .get(rows) as string;
  return (await pruneHistory(db, cutoff)).provisioning_events ?? 0;
}

/**
 * The upgraded file's conversion to incremental vacuum, as the writer runs it: the copy (on the
 * store's thread in the app), 20k entries pruned meanwhile and brought into the copy in batches,
 * 10k more pruned after, and the next open, which copies those and swaps the copy in.
 */
export async function measureConversion(upgraded: string) {
  const { db } = openStore(upgraded);
  beginConversion(db, upgraded, new Date());
  const copy = copyConverted(upgraded);
  recordCopied(db, new Date());
  const meanwhile = await pruneOldest(db, 20_000);
  let started = performance.now();
  const drained = await drainChanges(db, upgraded);
  const drainMs = performance.now() - started;
  const after = await pruneOldest(db, 10_000);
  closeStore(db);
  const before = statSync(upgraded).size;
  started = performance.now();
  const reopened = openStore(upgraded);
  const openMs = performance.now() - started;
  const autoVacuum = reopened.db.pragma('auto_vacuum', { simple: true }) as number;
  closeStore(reopened.db);
  return {
    copy,
    meanwhile,
    drained,
    drainMs,
    after,
    openMs,
    autoVacuum,
    before,
    convertedBytes: statSync(upgraded).size,
    notices: reopened.notices,
  };
}

/**
 * The store at the scale world's size (100k users, 1M log entries written by the real collectors):
 * bytes per entry, `status` and `findings`, an integrity check, a backup, pruning 100k entries, and
 * the upgrade of a whole-entry store to the compact form.
 */
export const storeScaleCase: BenchCase = {
  name: 'store.scale',
  description:
    'The store the collectors fill from the scale world (100k users, 1M log entries): what each log entry costs on disk, `scimwatch status` and `findings` (wall time, median of 5), a full integrity check, an online backup, pruning the oldest 100k entries and giving the space back, and the upgrade of the same store in the whole-entry layout of schema 11 (backup, rewrite), then its conversion to incremental vacuum in the background (copy, batches, swap at the next open)',
  async run({ workDir }) {
    const { database, events } = await collectScaleDatabase(scaleDefaults, workDir);
    const dataDir = dirname(dirname(database));
    const db = new Database(database);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const footprint = logFootprint(db);
    db.close();
    // The collection's gigabyte is on disk, and its heap collected, before the commands are timed:
    // the kernel's writeback and V8's concurrent marking would otherwise share the two cores with them.
    syncToDisk(database);
    collectGarbage();
    const status = timeCli('status', dataDir);
    const findings = timeCli('findings', dataDir);
    const check = checkDatabase(database, 'full');
    const quick = checkDatabase(database, 'quick');
    const backup = await backupDatabase(database, join(workDir, 'backup.sqlite'));
    const pruning = await measurePruning(backup.path, workDir);
    const upgrade = measureUpgrade(backup.path, workDir);
    const conversion = await measureConversion(upgrade.path);
    const batches = Math.ceil((pruning.removed.provisioning_events ?? 0) / pruneBatchRows);
    const figures: Figure[] = [
      {
        name: 'bytes per stored log entry (table, indexes, search)',
        value: footprint.logBytesPerEntry,
        unit: 'B',
        target: { better: 'lower', value: 1536 },
      },
      { name: 'whole file per log entry', value: footprint.fileBytesPerEntry, unit: 'B' },
      { name: 'scimwatch status', value: status, unit: 'ms', target: { better: 'lower', value: 500 } },
      { name: 'scimwatch findings', value: findings, unit: 'ms', target: { better: 'lower', value: 500 } },
      { name: 'full integrity check (a thread of its own)', value: check.ms, unit: 'ms' },
      { name: 'quick check', value: quick.ms, unit: 'ms' },
      { name: 'online backup', value: backup.ms, unit: 'ms' },
      { name: 'pruning 100k entries', value: Math.round(pruning.pruneMs), unit: 'ms' },
      {
        name: 'pruning, per 1,000-row transaction',
        value: Math.round(pruning.pruneMs / batches),
        unit: 'ms',
      },
      { name: 'giving the pruned pages back', value: Math.round(pruning.releaseMs), unit: 'ms' },
      {
        name: 'upgrade of the whole-entry store (schema 11 → 12)',
        value: Math.round(upgrade.ms),
        unit: 'ms',
      },
      {
        name: 'conversion to incremental vacuum: the copy (background thread)',
        value: conversion.copy.ms,
        unit: 'ms',
      },
      {
        name: 'conversion: bringing the copy up to date, per 1,000 changed rows (background batches)',
        value: Math.round((conversion.drainMs / Math.max(1, conversion.drained)) * 1000),
        unit: 'ms',
      },
      {
        name: 'conversion: the open that swaps the copy in (10k entries pruned since the last batch)',
        value: Math.round(conversion.openMs),
        unit: 'ms',
      },
    ];
    return {
      status: 'ok',
      figures,
      notes: [
        `${events.toLocaleString('en')} entries collected; ${footprint.entries.toLocaleString('en')} stored; the packed entry averages ${footprint.packedBytesPerEntry} B (the scale world's history is generated, and packs better than the engine's entries: store.engine-footprint has the figure for those)`,
        `integrity checks: ${check.result === 'ok' && quick.result === 'ok' ? 'both ok' : `${check.result} / ${quick.result}`}`,
        `backup: ${mib(backup.bytes)} MiB`,
        `pruning removed ${JSON.stringify(pruning.removed)}; ${pruning.pages.toLocaleString('en')} pages (${mib(pruning.returnedBytes)} MiB) went back to the file system`,
        `upgrade: the schema-11 store was ${mib(upgrade.legacyBytes)} MiB (${Math.round(upgrade.makeMs / 1000)} s to write), ${mib(upgrade.upgradedBytes)} MiB after; ${upgrade.notices.join(' ')}`,
        `conversion: copy ${mib(conversion.copy.bytes)} MiB; ${conversion.meanwhile.toLocaleString('en')} entries pruned meanwhile (${conversion.drained.toLocaleString('en')} changed rows brought over in ${Math.round(conversion.drainMs)} ms), ${conversion.after.toLocaleString('en')} after; the file went from ${mib(conversion.before)} to ${mib(conversion.convertedBytes)} MiB with auto_vacuum ${conversion.autoVacuum}; ${conversion.notices.join(' ')}`,
        '`status` and `findings` include starting Node, the CLI and a core worker (cli.startup has the floor on a small store); `findings` prints every open finding of the scale world',
      ],
    };
  },
};
