import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { migrate, type Migration } from '../../electron/core/store/migrate';
import { migrations } from '../../electron/core/store/migrations';
import { openStore, scimwatchApplicationId } from '../../electron/core/store/open-database';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * The first schema's history, dated 1 November 2026 on purpose and never re-dated: old history is what
 * this fixture stands for. Opening or migrating a database must keep every row however old it is, so a
 * retention setting may prune only on its own schedule, never as a side effect of opening a file.
 */
const fixtureV1 = new URL('../fixtures/db/v1.sqlite', import.meta.url);
const historyTables = [
  'provisioning_events',
  'identity_links',
  'job_status_changes',
  'schema_snapshots',
  'secret_snapshots',
  'reconciliation_runs',
  'findings',
  'finding_versions',
  'actions',
  'settings',
];

/** Migration 4 renamed finding_evidence to finding_versions, and 8 carried retries into actions. */
const renamed: Record<string, string> = { finding_versions: 'finding_evidence', actions: 'retries' };
const namedInV1 = (table: string) => renamed[table] ?? table;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('creates a fresh database at the newest schema, stamped as ScimWatch', () => {
    const { db, schemaVersion, notices } = openStore(join(dir.path, 'new.sqlite'));
    expect(schemaVersion).toBe(migrations.length);
    expect(notices).toEqual([]);
    expect(db.pragma('application_id', { simple: true })).toBe(scimwatchApplicationId);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    for (const table of historyTables) expect(count(db, table)).toBe(0);
    db.close();
  });

  it('opens the committed v1 fixture with its history intact', () => {
    const path = join(dir.path, 'v1.sqlite');
    copyFileSync(fixtureV1, path);
    const { db } = openStore(path);
    expect(count(db, 'provisioning_events')).toBe(3);
    for (const table of historyTables) expect(count(db, table), table).toBeGreaterThan(0);
    // However far behind today the rows are, they come out as they were written.
    const dates = (database: Database.Database) =>
      database.prepare('SELECT activity_date_time FROM provisioning_events ORDER BY 1').pluck().all();
    const original = new Database(fixtureV1.pathname, { readonly: true });
    expect(dates(db)).toEqual(dates(original));
    original.close();
    db.close();
  });

  it('upgrades v1 to a synthetic v2 and keeps every history row', () => {
    const path = join(dir.path, 'v1.sqlite');
    copyFileSync(fixtureV1, path);
    const before = new Database(fixtureV1.pathname, { readonly: true });
    const expected = Object.fromEntries(historyTables.map((t) => [t, count(before, namedInV1(t))]));
    before.close();
    const next = migrations.length + 1;
    const synthetic: Migration = {
      version: next,
      name: 'synthetic',
      sql: `ALTER TABLE provisioning_events ADD COLUMN note TEXT;
            CREATE TABLE synthetic_table (id TEXT PRIMARY KEY, note TEXT NOT NULL);`,
    };
    const { db, schemaVersion } = openStore(path, { migrations: [...migrations, synthetic] });
    expect(schemaVersion).toBe(next);
    expect(db.pragma('user_version', { simple: true })).toBe(next);
    for (const table of historyTables) expect(count(db, table), table).toBe(expected[table]);
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      ...migrations.map(({ version, name }) => ({ version, name })),
      { version: next, name: 'synthetic' },
    ]);
    db.close();
  });

  it('rolls a failing migration back whole, leaving the previous version usable', () => {
    const path = join(dir.path, 'v1.sqlite');
    copyFileSync(fixtureV1, path);
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;',
    };
    expect(() => openStore(path, { migrations: [...migrations, broken] })).toThrow(/no_such_table/);
    const { db } = openStore(path);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half'`).get()).toBeUndefined();
    expect(count(db, 'provisioning_events')).toBe(3);
    db.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const path = join(dir.path, 'notes.sqlite');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(10));
    const hash = sha(path);
    expect(() => openStore(path)).toThrow(/not a SQLite database.*untouched/);
    expect(sha(path)).toBe(hash);
  });

  it("refuses someone else's SQLite database and leaves it untouched", () => {
    const path = join(dir.path, 'other.sqlite');
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices DEFAULT VALUES;');
    other.close();
    const hash = sha(path);
    expect(() => openStore(path)).toThrow(/not one of ScimWatch's/);
    expect(sha(path)).toBe(hash);
    expect(readdirSync(dir.path)).toEqual(['other.sqlite']);
  });

  it('refuses a database from a newer ScimWatch and leaves it untouched', () => {
    const path = join(dir.path, 'future.sqlite');
    copyFileSync(fixtureV1, path);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const hash = sha(path);
    expect(() => openStore(path)).toThrow(/newer ScimWatch \(schema 99/);
    expect(sha(path)).toBe(hash);
  });

  it('moves a corrupt ScimWatch database aside, says so, and rebuilds', () => {
    const path = join(dir.path, 'corrupt.sqlite');
    copyFileSync(fixtureV1, path);
    // Keep the 100-byte header (so the file is still recognisably ours), wreck the pages after it.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(16_384, 0xa5), 0, 16_384, 4096);
    closeSync(fd);
    const { db, notices } = openStore(path);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/corrupt; it was moved to .*corrupt\.sqlite\.corrupt-/);
    const aside = readdirSync(dir.path).find((f) => f.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(existsSync(join(dir.path, aside ?? ''))).toBe(true);
    expect(count(db, 'provisioning_events')).toBe(0);
    expect(db.pragma('application_id', { simple: true })).toBe(scimwatchApplicationId);
    db.close();
  });

  it('refuses migration lists with gaps', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(/without gaps/);
  });
});
