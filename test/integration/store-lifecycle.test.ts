import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { backupDatabase, restoreDatabase } from '../../electron/core/maintenance/backup';
import { pruneHistory, releaseFreePages } from '../../electron/core/maintenance/retention';
import { StoreMaintenance } from '../../electron/core/maintenance/store-maintenance';
import { migrations } from '../../electron/core/store/migrations';
import { closeStore, openStore } from '../../electron/core/store/open-database';
import { ProvisioningEventsRepo, readRawEntry } from '../../electron/core/store/provisioning-events-repo';
import { readStoreState } from '../../electron/core/store/store-state-repo';
import { eventPage } from '../../electron/core/tables/event-rows';
import { ManualClock } from '../../electron/core/time/clock';
import type { CoreContext } from '../../electron/core/context';
import { engineLog, insertLegacyEvents } from '../helpers/legacy-log';
import { maintenanceContext } from '../helpers/maintenance-context';
import { makeTempDir } from '../helpers/temp-dir';

const fixtureV1 = new URL('../fixtures/db/v1.sqlite', import.meta.url).pathname;
const builtStoreThread = new URL('../../out/node/store-thread-worker.js', import.meta.url).href;
const dayMs = 86_400_000;

const count = (db: Database.Database, table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Runs a plain-JavaScript thread from test/helpers/threads and waits for its last message. */
function runThread<T>(name: string, workerData: unknown, onStarted?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`../helpers/threads/${name}`, import.meta.url), { workerData });
    worker.on('message', (message: { started?: boolean }) =>
      message.started ? onStarted?.() : resolve(message as T),
    );
    worker.once('error', reject);
  });
}

describe('the compact log', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('migrates a schema-5 store of whole entries: a backup first, then every entry reads back byte for byte', () => {
    const path = join(dir.path, 'v5.sqlite');
    const { db: v5 } = openStore(path, { migrations: migrations.slice(0, 5) });
    // As versions before 12 made their files: without incremental vacuum.
    v5.pragma('auto_vacuum = NONE');
    v5.exec('VACUUM');
    const log = engineLog(1_500, Date.now());
    insertLegacyEvents(v5, log);
    closeStore(v5);

    const { db, notices } = openStore(path);
    expect(notices.join('\n')).toMatch(/backed it up to .*backups\/v5\.schema-5\..*\.sqlite/);
    const backups = readdirSync(join(dir.path, 'backups'));
    expect(backups).toHaveLength(1);
    const backup = new Database(join(dir.path, 'backups', backups[0] ?? ''), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(5);
    expect(count(backup, 'provisioning_events')).toBe(log.length);
    backup.close();

    expect(count(db, 'provisioning_events')).toBe(log.length);
    for (const record of log) expect(readRawEntry(db, record.id)).toBe(record.raw);
    // What is read out of the entry sits in columns: the failure's reason, the identity values.
    const failure = log.find((r) => r.status === 'failure');
    const row = db
      .prepare('SELECT reason, identity_values AS identityValues FROM provisioning_events WHERE id = ?')
      .get(failure?.id) as { reason: string; identityValues: string };
    expect(row.reason).toMatch(/already in use/);
    expect(row.identityValues).toMatch(/^person\d+@contoso\.example mail\d+@contoso\.example$/);
    const found = eventPage(db, { filter: { text: row.identityValues.split(' ')[1] } });
    expect(found.items.map((e) => e.id)).toEqual([failure?.id]);
    // The values an entry is packed with cannot change under it.
    expect(() =>
      db.prepare("UPDATE provisioning_events SET source_display_name = 'x' WHERE id = ?").run(failure?.id),
    ).toThrow(/fixed once stored/);
    // Not rewritten a second time to switch on incremental vacuum: that happens in the background
    // (store-conversion.test.ts), so the upgrade costs one pass over the log.
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(0);
    closeStore(db);
  });

  it('stores new entries packed and reads them whole; a new file gives space back as it is pruned', () => {
    const { db } = openStore(join(dir.path, 'new.sqlite'));
    const log = engineLog(300, Date.now());
    new ProvisioningEventsRepo(db).insertBatch(log);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    for (const record of log) expect(readRawEntry(db, record.id)).toBe(record.raw);
    const rawBytes = log.reduce((sum, r) => sum + Buffer.byteLength(r.raw), 0);
    const packedBytes = db
      .prepare('SELECT sum(length(entry)) FROM provisioning_events')
      .pluck()
      .get() as number;
    expect(packedBytes).toBeLessThan(rawBytes / 4);
    closeStore(db);
  });
});

describe('retention', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let path: string;
  let db: Database.Database;
  const now = Date.now();
  beforeEach(() => {
    dir = makeTempDir();
    path = join(dir.path, 'store.sqlite');
    db = openStore(path).db;
    const repo = new ProvisioningEventsRepo(db);
    // 3,000 entries from 500 days ago, 2,000 from the last days.
    const old = engineLog(3_000, now - 500 * dayMs);
    const recent = engineLog(2_000, now);
    for (let i = 0; i < old.length; i += 1_000) repo.insertBatch(old.slice(i, i + 1_000));
    for (let i = 0; i < recent.length; i += 1_000) repo.insertBatch(recent.slice(i, i + 1_000));
  });
  afterEach(() => {
    if (db.open) closeStore(db);
    dir.remove();
  });

  it('prunes in small transactions while a reader pages through the log, never making it wait', async () => {
    const cutoff = new Date(now - 400 * dayMs).toISOString();
    let pruning: { start: number; end: number; removed: Record<string, number> } | undefined;
    const reader = runThread<{ pages: { start: number; ms: number }[]; ids: string[] }>(
      'page-reader.mjs',
      { path, pageSize: 100, pauseMs: 1 },
      () => {
        const start = Date.now();
        void pruneHistory(db, cutoff).then((removed) => (pruning = { start, end: Date.now(), removed }));
      },
    );
    const { pages, ids } = await reader;
    await expect.poll(() => pruning, { timeout: 30_000 }).toBeDefined();
    expect(pruning?.removed.provisioning_events).toBe(3_000);
    expect(count(db, 'provisioning_events')).toBe(2_000);
    // The search index lost the same entries.
    expect(db.prepare('SELECT count(*) FROM event_search').pluck().get()).toBe(2_000);
    // The reader went on while rows went: pages during the pruning, none slow, none repeated, and
    // every kept entry seen.
    const during = pages.filter((p) => p.start >= (pruning?.start ?? 0) && p.start <= (pruning?.end ?? 0));
    expect(during.length).toBeGreaterThan(0);
    expect(Math.max(...pages.map((p) => p.ms))).toBeLessThan(500);
    expect(new Set(ids).size).toBe(ids.length);
    const kept = db.prepare('SELECT id FROM provisioning_events').pluck().all() as string[];
    expect(kept.every((id) => ids.includes(id))).toBe(true);

    const before = db.pragma('page_count', { simple: true }) as number;
    const released = await releaseFreePages(db, 256);
    expect(released).toBeGreaterThan(0);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.pragma('page_count', { simple: true })).toBe(before - released);
  });

  it('prunes findings resolved before the cutoff with their versions, ended checklist versions, and the runs nothing kept names', async () => {
    const daysAgo = (days: number) => new Date(now - days * dayMs).toISOString();
    db.exec(
      'DELETE FROM finding_versions; DELETE FROM findings; DELETE FROM checklist_versions; DELETE FROM reconciliation_runs',
    );
    const run = db.prepare(
      "INSERT INTO reconciliation_runs (id, started_at, status) VALUES (?, ?, 'completed')",
    );
    [500, 500, 500, 300, 10, 1].forEach((days, i) => run.run(i + 1, daysAgo(days)));
    const finding = db.prepare(
      `INSERT INTO findings (key, kind, severity, display_name, first_seen_run, first_seen_at, last_seen_run,
         last_seen_at, resolved_run, resolved_at) VALUES (?, 'user.missing_in_pulumi', 'error', ?, ?, '', ?, '', ?, ?)`,
    );
    const version = db.prepare(
      "INSERT INTO finding_versions (finding_key, version, valid_from_run, valid_to_run, state) VALUES (?, ?, ?, ?, '{}')",
    );
    finding.run('resolved-long-ago', 'A', 1, 2, 2, daysAgo(450));
    version.run('resolved-long-ago', 1, 1, 2);
    version.run('resolved-long-ago', 2, 2, null);
    finding.run('open', 'B', 3, 6, null, null);
    version.run('open', 1, 3, 4);
    version.run('open', 2, 4, null);
    finding.run('resolved-lately', 'C', 5, 5, 5, daysAgo(100));
    version.run('resolved-lately', 1, 5, null);
    const checklist = db.prepare(
      "INSERT INTO checklist_versions (version, valid_from_run, valid_to_run, body) VALUES (?, ?, ?, '[]')",
    );
    checklist.run(1, 1, 2);
    checklist.run(2, 2, null);

    const removed = await pruneHistory(db, daysAgo(400));
    expect(removed).toMatchObject({
      finding_versions: 2,
      findings: 1,
      checklist_versions: 1,
      reconciliation_runs: 1,
    });
    const keys = (sql: string) => (db.prepare(sql).raw().all() as unknown[][]).map((row) => row.join(':'));
    expect(keys('SELECT key FROM findings ORDER BY key')).toEqual(['open', 'resolved-lately']);
    expect(keys('SELECT finding_key, version FROM finding_versions ORDER BY 1, 2')).toEqual([
      'open:1',
      'open:2',
      'resolved-lately:1',
    ]);
    expect(keys('SELECT version FROM checklist_versions')).toEqual(['2']);
    // Run 1 is named by nothing left; run 2 by the open checklist version, 3 and 4 by the open finding.
    expect(keys('SELECT id FROM reconciliation_runs ORDER BY id')).toEqual(['2', '3', '4', '5', '6']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('runs on the maintenance pass with the retention setting, and records what it did', async () => {
    const retain = db.prepare(
      "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('retentionDays', ?, '')",
    );
    retain.run('600');
    const context = maintenanceContext(db, path, builtStoreThread);
    const maintenance = new StoreMaintenance(context, new ManualClock(now));
    await maintenance.pass();
    // 600 days keeps everything; the pass also ran the first integrity check and sampled the size.
    expect(count(db, 'provisioning_events')).toBe(5_000);
    const state = readStoreState(db);
    expect(state).toMatchObject({ checkKind: 'full', checkResult: 'ok', checkDue: false, prunedRows: 0 });
    expect(count(db, 'store_sizes')).toBe(1);
    retain.run('400');
    await maintenance.pass();
    expect(count(db, 'provisioning_events')).toBe(2_000);
    expect(readStoreState(db).prunedRows).toBeGreaterThanOrEqual(3_000);
    await maintenance.stop();
  });
});

describe('integrity, backup and restore', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('opens without a check; after an unclean shutdown the check is due until one passes', async () => {
    const path = join(dir.path, 'crash.sqlite');
    const first = openStore(path);
    expect(first.uncleanShutdown).toBe(false);
    expect(existsSync(`${path}.open-${process.pid}`)).toBe(true);
    // As a killed process leaves it: the connection gone, its marker left, its process no more.
    first.db.close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    renameSync(`${path}.open-${process.pid}`, `${path}.open-${dead}`);
    const second = openStore(path);
    expect(second.uncleanShutdown).toBe(true);
    expect(readStoreState(second.db).checkDue).toBe(true);
    const context = {
      db: second.db,
      config: { databasePath: path, storeThreadEntry: builtStoreThread, nativeBinding: null },
      log: { info: () => undefined, error: () => undefined },
    } as unknown as CoreContext;
    const check = await new StoreMaintenance(context, new ManualClock(Date.now())).check('full');
    expect(check).toMatchObject({ kind: 'full', ok: true, result: 'ok' });
    expect(readStoreState(second.db).checkDue).toBe(false);
    closeStore(second.db);
    expect(readdirSync(dir.path).filter((f) => f.includes('.open-'))).toEqual([]);
    const third = openStore(path);
    expect(third.uncleanShutdown).toBe(false);
    closeStore(third.db);
  });

  it('backs up while another connection commits: the copy passes integrity_check and holds every batch committed before it began, whole', async () => {
    const path = join(dir.path, 'live.sqlite');
    const { db } = openStore(path);
    const repo = new ProvisioningEventsRepo(db);
    const log = engineLog(3_000, Date.now());
    for (let i = 0; i < log.length; i += 1_000) repo.insertBatch(log.slice(i, i + 1_000));
    const shared = new SharedArrayBuffer(8);
    const state = new Int32Array(shared);
    const batchRows = 25;
    const writer = new Worker(new URL('../helpers/threads/batch-writer.mjs', import.meta.url), {
      workerData: { path, shared, batchRows },
    });
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    await expect.poll(() => Atomics.load(state, 1), { interval: 5 }).toBeGreaterThan(20);
    const committedBefore = Atomics.load(state, 1);
    const out = join(dir.path, 'copies', 'live-backup.sqlite');
    const result = await backupDatabase(path, out);
    const committedAfter = Atomics.load(state, 1);
    Atomics.store(state, 0, 1);
    await exited;
    expect(committedAfter).toBeGreaterThan(committedBefore);

    const copy = new Database(result.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(copy, 'provisioning_events')).toBe(log.length);
    const batches = copy
      .prepare(
        "SELECT count(*) AS rows, count(DISTINCT observed_at) AS batches, max(observed_at) AS last FROM job_status_changes WHERE job_id = 'backup-proof'",
      )
      .get() as { rows: number; batches: number; last: string };
    expect(batches.rows).toBe(batches.batches * batchRows);
    expect(Number(batches.last)).toBeGreaterThanOrEqual(committedBefore);
    expect(Number(batches.last)).toBeLessThanOrEqual(Atomics.load(state, 1));
    expect(batches.batches).toBe(Number(batches.last));
    copy.close();
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
    // One file, with nothing left beside it, even after it was read.
    expect(readdirSync(join(dir.path, 'copies'))).toEqual(['live-backup.sqlite']);
    await expect(backupDatabase(path, out)).rejects.toThrow(/already exists/);
    closeStore(db);
  });

  it('restores the committed schema-1 fixture: checked, migrated, the replaced database kept', () => {
    const path = join(dir.path, 'profiles', 'default.sqlite');
    const current = openStore(path);
    new ProvisioningEventsRepo(current.db).insertBatch(engineLog(10, Date.now()));
    closeStore(current.db);
    const fixture = new Database(fixtureV1, { readonly: true });
    const originals = fixture.prepare('SELECT id, raw FROM provisioning_events').all() as {
      id: string;
      raw: string;
    }[];
    fixture.close();

    // A conversion's copy of the file being replaced (store-conversion.test.ts) must not outlive it.
    writeFileSync(`${path}.converting`, 'a copy of the replaced file');
    const result = restoreDatabase(fixtureV1, path, { now: () => new Date() });
    expect(existsSync(`${path}.converting`)).toBe(false);
    expect(result).toMatchObject({ fromSchema: 1, schemaVersion: migrations.length });
    expect(result.previousKeptAt && existsSync(result.previousKeptAt)).toBeTruthy();
    const kept = new Database(result.previousKeptAt ?? '', { readonly: true });
    expect(count(kept, 'provisioning_events')).toBe(10);
    kept.close();
    const { db } = openStore(path);
    // Written by version 1 without incremental vacuum, restored with it.
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(count(db, 'provisioning_events')).toBe(originals.length);
    for (const { id, raw } of originals) expect(readRawEntry(db, id)).toBe(raw);
    closeStore(db);
    expect(() => restoreDatabase(join(dir.path, 'missing.sqlite'), path, { now: () => new Date() })).toThrow(
      /no backup at/,
    );
  });
});
