import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { provisioningStatuses } from '../../shared/contract';
import { migrations } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store/open-database';
import {
  ProvisioningEventsRepo,
  type ProvisioningEventRecord,
} from '../../electron/core/store/provisioning-events-repo';
import { failureCauseCounts } from '../../electron/core/stats/failure-causes';
import { outcomeSeries } from '../../electron/core/stats/outcome-series';
import { makeTempDir } from '../helpers/temp-dir';
import { insertLegacyEvents } from '../helpers/legacy-log';

/** A deterministic generator, so a failure replays. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const now = Date.now();
const hourMs = 3_600_000;

/**
 * A hostile log: 40 objects retried across 40 days, entries without a source, a second at the edge of
 * each hour, the same entry on two pages, pages in any order.
 */
function hostileLog(count: number, seed: number): ProvisioningEventRecord[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const status = provisioningStatuses[Math.floor(random() * 4)] ?? 'success';
    const edge = random() < 0.1;
    const time = now - Math.floor(random() * 40 * 24) * hourMs - (edge ? 1 : Math.floor(random() * hourMs));
    return {
      id: `e-${i}`,
      activityDateTime: new Date(time).toISOString(),
      status,
      action: 'update',
      identityType: 'User',
      sourceId: random() < 0.05 ? null : `u-${Math.floor(random() * 40)}`,
      sourceDisplayName: null,
      targetId: null,
      targetDisplayName: null,
      errorCode: null,
      cause: status === 'failure' ? (['email_in_use', 'unknown', 'rate_limited'][i % 3] ?? null) : null,
      cycleId: null,
      jobId: null,
      changeId: null,
      raw: '{}',
      ingestedAt: new Date(now).toISOString(),
    };
  });
}

/** The rollups, recounted from the raw log the way the dashboard's proofs count it. */
function recount(db: Database.Database) {
  const buckets = db
    .prepare(
      `SELECT g.grain, substr(activity_date_time, 1, g.len) AS bucket, status, count(*) AS entries,
              count(DISTINCT coalesce(source_id, id)) AS objects
         FROM provisioning_events, (SELECT 'hour' AS grain, 13 AS len UNION ALL SELECT 'day', 10) g
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
  const failures = db
    .prepare(
      `SELECT coalesce(source_id, id) AS object_id, coalesce(cause, 'unknown') AS cause,
              max(activity_date_time) AS last_failed_at
         FROM provisioning_events WHERE status = 'failure' GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
  return { buckets, failures };
}

function stored(db: Database.Database) {
  return {
    buckets: db
      .prepare('SELECT grain, bucket, status, entries, objects FROM outcome_buckets ORDER BY 1, 2, 3')
      .all(),
    failures: db.prepare('SELECT object_id, cause, last_failed_at FROM object_failures ORDER BY 1, 2').all(),
  };
}

function shuffledBatches<T>(rows: T[], random: () => number): T[][] {
  const copy = [...rows].sort(() => random() - 0.5);
  const out: T[][] = [];
  for (let i = 0; i < copy.length;) {
    const size = 1 + Math.floor(random() * 60);
    out.push(copy.slice(i, i + size));
    i += size;
  }
  return out;
}

describe('rollups kept at ingest', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('equal a recount of the raw log, whatever order and overlap the pages bring', () => {
    const { db } = openStore(join(dir.path, 'r.sqlite'));
    const repo = new ProvisioningEventsRepo(db);
    const log = hostileLog(3000, 7);
    const random = seeded(11);
    // Every entry arrives once, and a quarter of them again on a later, overlapping page.
    const pages = shuffledBatches([...log, ...log.filter((_, i) => i % 4 === 0)], random);
    const added = pages.reduce((sum, page) => sum + repo.insertBatch(page), 0);
    expect(added).toBe(log.length);
    const expected = recount(db);
    expect(expected.buckets.length).toBeGreaterThan(100);
    expect(stored(db)).toEqual(expected);
    db.close();
  });

  it('count an object once per bucket however often Entra retried it, and per cause over any range', () => {
    const { db } = openStore(join(dir.path, 'r.sqlite'));
    const repo = new ProvisioningEventsRepo(db);
    const hour = Math.floor(now / hourMs) * hourMs - 3 * hourMs;
    const failure = (id: string, minutes: number, cause: string, sourceId = 'u-escrowed') => ({
      ...hostileLog(1, 1)[0]!,
      id,
      sourceId,
      status: 'failure' as const,
      cause,
      activityDateTime: new Date(hour + minutes * 60_000).toISOString(),
    });
    // Escrowed: retried every ten minutes in one hour, plus one other object failing once.
    repo.insertBatch([0, 10, 20, 30, 40, 50].map((m) => failure(`r-${m}`, m, 'email_in_use')));
    repo.insertBatch([failure('other', 5, 'email_in_use', 'u-other'), failure('late', 55, 'rate_limited')]);
    const series = outcomeSeries(db, '24h', now);
    const bucket = series.buckets.find((b) => Date.parse(b.start) === hour);
    expect(bucket?.outcomes.failure).toEqual({ entries: 8, objects: 2 });
    expect(series.buckets).toHaveLength(25);
    const causes = failureCauseCounts(db, '24h', now);
    expect(causes.causes).toEqual([
      { cause: 'email_in_use', objects: 2 },
      { cause: 'rate_limited', objects: 1 },
    ]);
    expect(causes.objects).toBe(2);
    db.close();
  });

  it('are built from the history a database already holds when it migrates (schema 5 → 6)', () => {
    const path = join(dir.path, 'v5.sqlite');
    const { db: v5 } = openStore(path, { migrations: migrations.slice(0, 5) });
    const log = hostileLog(2000, 3);
    insertLegacyEvents(v5, log);
    v5.prepare(
      `INSERT INTO reconciliation_runs (started_at, finished_at, status, summary, trigger)
       VALUES ('a', 'b', 'completed', ?, 'poll')`,
    ).run(
      JSON.stringify({ counts: { findings: { roots: 3, bySeverity: { error: 2, warning: 4, info: 1 } } } }),
    );
    v5.close();

    const { db, schemaVersion } = openStore(path);
    expect(schemaVersion).toBe(migrations.length);
    expect(stored(db)).toEqual(recount(db));
    expect(
      db.prepare('SELECT open_errors, open_warnings, open_info, open_roots FROM reconciliation_runs').get(),
    ).toEqual({ open_errors: 2, open_warnings: 4, open_info: 1, open_roots: 3 });
    // Kept up to date from then on, exactly as in a database that began at schema 6.
    new ProvisioningEventsRepo(db).insertBatch(hostileLog(2500, 3).slice(2000));
    expect(stored(db)).toEqual(recount(db));
    db.close();
  });
});
