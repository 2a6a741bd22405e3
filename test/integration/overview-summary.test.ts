import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore } from '../../electron/core/store/open-database';
import { jobBanner } from '../../electron/core/stats/job-banner';
import { makeTempDir } from '../helpers/temp-dir';

const now = Date.now();
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

function observe(db: Database.Database, status: Record<string, unknown>, schedule = { interval: 'PT40M' }) {
  db.prepare(
    `INSERT INTO job_status_changes (job_id, observed_at, status_code, quarantined, state) VALUES ('job', ?, ?, 0, ?)`,
  ).run(iso(0), String(status.code), JSON.stringify({ status, schedule }));
}

function openJobFinding(db: Database.Database, kind: string, evidence: Record<string, unknown>) {
  db.prepare(
    `INSERT INTO reconciliation_runs (id, started_at, finished_at, status, summary) VALUES (1, ?, ?, 'completed', '{}')
     ON CONFLICT DO NOTHING`,
  ).run(iso(1), iso(1));
  db.prepare(
    `INSERT INTO findings (key, kind, severity, display_name, first_seen_run, first_seen_at, last_seen_run, last_seen_at, evidence)
     VALUES (?, ?, 'warning', 'Provisioning job', 1, ?, 1, ?, ?)`,
  ).run(kind, kind, iso(1), iso(1), JSON.stringify(evidence));
}

describe("the Overview's job banner", () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    dir = makeTempDir();
    ({ db } = openStore(join(dir.path, 'o.sqlite')));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('is absent before the job was read, and active with its cycles when it runs cleanly', () => {
    expect(jobBanner(db)).toBeNull();
    observe(db, {
      code: 'Active',
      lastExecution: { timeBegan: iso(12), timeEnded: iso(10) },
      lastSuccessfulExecution: { timeBegan: iso(12), timeEnded: iso(10) },
    });
    expect(jobBanner(db)).toMatchObject({
      state: 'active',
      reason: null,
      lastCycleAt: iso(10),
      lastSuccessfulCycleAt: iso(10),
      nextCycleDueAt: iso(-30),
    });
  });

  it('says quarantined, why, and when Entra tries again (that is when the next cycle is due)', () => {
    observe(db, {
      code: 'Quarantine',
      lastExecution: { timeEnded: iso(5) },
      quarantine: { reason: 'EncounteredQuarantineException', nextAttempt: iso(-120) },
    });
    expect(jobBanner(db)).toMatchObject({
      state: 'quarantined',
      reason: 'EncounteredQuarantineException',
      nextAttemptAt: iso(-120),
      nextCycleDueAt: iso(-120),
    });
  });

  it('says paused with no next cycle, and near quarantine or stalled from the latest reconciliation', () => {
    observe(db, { code: 'Paused', lastExecution: { timeEnded: iso(5) } });
    expect(jobBanner(db)).toMatchObject({ state: 'paused', nextCycleDueAt: null });
    observe(db, { code: 'Active', lastExecution: { timeEnded: iso(5) } });
    openJobFinding(db, 'job.near_quarantine', { escrowed: 12, share: '35 %', quarantineShare: '40 %' });
    expect(jobBanner(db)).toMatchObject({
      state: 'near_quarantine',
      reason: expect.stringContaining('12 objects escrowed') as unknown,
    });
    openJobFinding(db, 'job.stalled', { lastSuccess: 'never', interval: '40 minutes' });
    expect(jobBanner(db)).toMatchObject({
      state: 'stalled',
      reason: expect.stringContaining('No clean cycle since never') as unknown,
    });
  });
});
