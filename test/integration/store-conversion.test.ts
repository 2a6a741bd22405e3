import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreContext } from '../../electron/core/context';
import { pruneHistory, releaseFreePages } from '../../electron/core/maintenance/retention';
import { StoreMaintenance } from '../../electron/core/maintenance/store-maintenance';
import { buildStoreStatus } from '../../electron/core/maintenance/store-status';
import { drainChanges } from '../../electron/core/store/conversion-catch-up';
import { reindexEventsOf } from '../../electron/core/store/event-search';
import { migrations } from '../../electron/core/store/migrations';
import { closeStore, openStore } from '../../electron/core/store/open-database';
import { ProvisioningEventsRepo, readRawEntry } from '../../electron/core/store/provisioning-events-repo';
import {
  beginConversion,
  conversionCopyPath,
  copyConverted,
  readConversion,
  recordCopied,
  trackedTables,
} from '../../electron/core/store/store-conversion';
import { eventPage } from '../../electron/core/tables/event-rows';
import { ManualClock } from '../../electron/core/time/clock';
import { engineLog, insertLegacyEvents } from '../helpers/legacy-log';
import { maintenanceContext } from '../helpers/maintenance-context';
import { makeTempDir } from '../helpers/temp-dir';

const builtStoreThread = new URL('../../out/node/store-thread-worker.js', import.meta.url).href;
const dayMs = 86_400_000;

/** Every row of every table the product keeps, in key order: what a swap must carry over whole. */
function dump(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    trackedTables(db).map(({ name, keyColumns }) => [
      name,
      db.prepare(`SELECT * FROM "${name}" ORDER BY ${keyColumns.map((c) => `"${c}"`).join(', ')}`).all(),
    ]),
  );
}

const spaceReturn = (db: Database.Database, path: string) =>
  buildStoreStatus({ db, config: { databasePath: path, environmentSettings: {} } } as unknown as CoreContext)
    .spaceReturn;

const searchIds = (db: Database.Database, text: string) =>
  eventPage(db, { filter: { text }, limit: 500 })
    .items.map((e) => e.id)
    .sort();

/** No trackers, no state or record of changes, no copy. */
function expectNothingLeftOfConversion(db: Database.Database, path: string): void {
  expect(readConversion(db)).toBeNull();
  const trackers = "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'store_conversion_track%'";
  expect(db.prepare(trackers).pluck().get()).toBe(0);
  expect(db.prepare('SELECT count(*) FROM store_conversion_changes').pluck().get()).toBe(0);
  expect(existsSync(conversionCopyPath(path))).toBe(false);
}

/** A store as schema 5 left it (auto-vacuum off, whole entries), upgraded: the files that need converting. */
function upgradedOldStore(path: string, entries: number, newest: number): Database.Database {
  const { db: v5 } = openStore(path, { migrations: migrations.slice(0, 5) });
  v5.pragma('auto_vacuum = NONE');
  v5.exec('VACUUM');
  insertLegacyEvents(v5, engineLog(entries, newest));
  closeStore(v5);
  return openStore(path).db;
}

describe('converting a file from before version 12 to give space back', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let path: string;
  const now = Date.now();
  beforeEach(() => {
    dir = makeTempDir();
    path = join(dir.path, 'old.sqlite');
  });
  afterEach(() => dir.remove());

  it('copies in the background while the writer goes on, and the copy, brought up to date, takes the file’s place at the next open', async () => {
    let db = upgradedOldStore(path, 1_200, now - 450 * dayMs);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(0);
    expect(spaceReturn(db, path)).toBe('pending');

    const arrived = engineLog(300, now);
    const repo = new ProvisioningEventsRepo(db);
    repo.insertBatch(arrived.slice(0, 150));
    beginConversion(db, path, new Date(now));
    copyConverted(path);
    // What the writer does while (and after) the copy is made: entries arrive and are indexed, old
    // ones are pruned, a user whose entries the copy holds is learnt and those entries indexed
    // again, a setting changes.
    repo.insertBatch(arrived.slice(150, 250));
    const removed = await pruneHistory(db, new Date(now - 400 * dayMs).toISOString());
    expect(removed.provisioning_events).toBe(1_200);
    const user = arrived[5]?.sourceId ?? '';
    db.prepare(
      `INSERT INTO entra_users (id, key, user_principal_name, mail, raw) VALUES (?, 1, 'renamed.person@contoso.example', NULL, '{}')`,
    ).run(user);
    reindexEventsOf(db, [user]);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('retentionDays', '400', '')").run();
    recordCopied(db, new Date(now));
    expect(spaceReturn(db, path)).toBe('ready');
    // Waiting for the next start, the writer brings the copy up to date in batches; more arrives after.
    expect(await drainChanges(db, path)).toBeGreaterThan(100);
    expect(db.prepare('SELECT count(*) FROM store_conversion_changes').pluck().get()).toBe(0);
    repo.insertBatch(arrived.slice(250));

    const before = dump(db);
    const found = { renamed: searchIds(db, 'renamed.person'), name: searchIds(db, 'Zoë') };
    expect(found.renamed.length).toBeGreaterThan(0);
    closeStore(db);

    const reopened = openStore(path);
    db = reopened.db;
    expect(reopened.notices.join('\n')).toMatch(
      /converted copy took its place .* returned; \d+ rows changed meanwhile/,
    );
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(dump(db)).toEqual(before);
    expect({ renamed: searchIds(db, 'renamed.person'), name: searchIds(db, 'Zoë') }).toEqual(found);
    for (const record of arrived) expect(readRawEntry(db, record.id)).toBe(record.raw);
    expect(db.prepare('SELECT count(*) FROM event_search').pluck().get()).toBe(arrived.length);
    expectNothingLeftOfConversion(db, path);
    expect(spaceReturn(db, path)).toBe('incremental');
    // From now on pruning gives space back.
    await pruneHistory(db, new Date(now + dayMs).toISOString());
    expect(await releaseFreePages(db)).toBeGreaterThan(0);
    closeStore(db);
  });

  it('makes the copy on the store’s thread in a maintenance pass, and waits while another process has the file open', async () => {
    const db = upgradedOldStore(path, 400, now);
    const context = maintenanceContext(db, path, builtStoreThread);
    const maintenance = new StoreMaintenance(context, new ManualClock(now));
    await maintenance.pass();
    await maintenance.stop();
    expect(readConversion(db)?.copiedAt).not.toBeNull();
    expect(existsSync(conversionCopyPath(path))).toBe(true);
    closeStore(db);

    // A live process (this one's parent) with the file open: swapping under it would lose its writes.
    const marker = `${path}.open-${process.ppid}`;
    writeFileSync(marker, String(process.ppid));
    const waiting = openStore(path);
    expect(waiting.db.pragma('auto_vacuum', { simple: true })).toBe(0);
    closeStore(waiting.db);
    rmSync(marker);

    const swapped = openStore(path);
    expect(swapped.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(swapped.db.prepare('SELECT count(*) FROM provisioning_events').pluck().get()).toBe(400);
    closeStore(swapped.db);
  });

  it('drops a copy that is not this conversion’s (a restored file, another schema version), keeping the file as it was', () => {
    const copyOf = (conversionStartedAt: number) => {
      const db = upgradedOldStore(path, 200, now);
      beginConversion(db, path, new Date(conversionStartedAt));
      copyConverted(path);
      recordCopied(db, new Date(now));
      return db;
    };
    // The file as a backup taken during another conversion left it, restored over the live one.
    let db = copyOf(now - dayMs);
    db.prepare('UPDATE store_conversion SET started_at = ?').run(new Date(now).toISOString());
    closeStore(db);
    let opened = openStore(path);
    expect(opened.notices.join('\n')).toMatch(/dropped \(its copy belongs to another conversion\)/);
    closeStore(opened.db);
    rmSync(path);

    db = copyOf(now);
    closeStore(db);
    opened = openStore(path, {
      migrations: [...migrations, { version: 15, name: 'later', sql: 'CREATE TABLE later (x)' }],
    });
    expect(opened.notices.join('\n')).toMatch(/dropped \(its copy was made at another schema version\)/);
    db = opened.db;
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(0);
    expect(db.prepare('SELECT count(*) FROM provisioning_events').pluck().get()).toBe(200);
    expectNothingLeftOfConversion(db, path);
    closeStore(db);
  });

  it('forgets, in a file that gives space back already, a conversion a backup brought along', async () => {
    const { db } = openStore(path);
    // As a backup taken mid-conversion and restored (restore writes it with incremental vacuum on).
    beginConversion(db, path, new Date(now));
    const maintenance = new StoreMaintenance(
      maintenanceContext(db, path, builtStoreThread),
      new ManualClock(now),
    );
    await maintenance.pass();
    await maintenance.stop();
    expectNothingLeftOfConversion(db, path);
    closeStore(db);
  });
});
