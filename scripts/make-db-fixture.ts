/**
 * Writes test/fixtures/db/v<N>.sqlite: a database at the current schema with rows in every history
 * table. Each migration commits the previous version's fixture, and a test asserts that history
 * survives the upgrade. Run: node scripts/run-ts.mjs scripts/make-db-fixture.ts
 */
import { existsSync, rmSync } from 'node:fs';

import { openStore } from '../electron/core/store/open-database';
import { latestVersion } from '../electron/core/store/migrate';
import { migrations } from '../electron/core/store/migrations';

const version = latestVersion(migrations);
const path = `test/fixtures/db/v${version}.sqlite`;
if (existsSync(path)) rmSync(path);
const { db } = openStore(path, { now: () => new Date('2026-11-01T00:00:00Z') });

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();
db.transaction(() => {
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('pulumiOrg', '"acme"', ?)`).run(at(0));
  const event =
    db.prepare(`INSERT INTO provisioning_events (id, activity_date_time, status, action, identity_type,
    source_id, source_display_name, target_id, target_display_name, error_code, cause, cycle_id, job_id, change_id, raw, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  event.run(
    'evt-1',
    at(1),
    'success',
    'create',
    'User',
    'u-1',
    'Alice',
    's-1',
    'alice@acme.test',
    null,
    null,
    'c-1',
    'scim.job',
    'ch-1',
    '{}',
    at(2),
  );
  event.run(
    'evt-2',
    at(3),
    'failure',
    'update',
    'User',
    'u-2',
    'Bob',
    null,
    null,
    'SystemForCrossDomainIdentityManagementServiceIncompatible',
    'email_in_use',
    'c-1',
    'scim.job',
    'ch-2',
    '{}',
    at(4),
  );
  event.run(
    'evt-3',
    at(5),
    'success',
    'create',
    'Group',
    'g-1',
    'Platform',
    's-g1',
    'Platform',
    null,
    null,
    'c-2',
    'scim.job',
    'ch-3',
    '{}',
    at(6),
  );
  db.prepare(`INSERT INTO identity_links VALUES ('user', 'u-1', 's-1', 'provisioning_log', ?)`).run(at(2));
  db.prepare(
    `INSERT INTO poll_state (source, watermark, last_success_at) VALUES ('entra.provisioningEvents', ?, ?)`,
  ).run(at(5), at(7));
  db.prepare(
    `INSERT INTO job_status_changes (job_id, observed_at, status_code, quarantined, state) VALUES ('scim.job', ?, 'Active', 0, '{}')`,
  ).run(at(7));
  db.prepare(
    `INSERT INTO schema_snapshots (job_id, taken_at, hash, body) VALUES ('scim.job', ?, 'h1', '{}')`,
  ).run(at(7));
  db.prepare(
    `INSERT INTO secret_snapshots (job_id, taken_at, hash, body) VALUES ('scim.job', ?, 'h2', '[{"key":"SecretToken","value":"*"}]')`,
  ).run(at(7));
  db.prepare(
    `INSERT INTO reconciliation_runs (id, started_at, finished_at, status, summary) VALUES (1, ?, ?, 'completed', '{}')`,
  ).run(at(8), at(9));
  db.prepare(
    `INSERT INTO findings (key, kind, severity, subject, fix_id, root_key, first_seen_run, first_seen_at, last_seen_run, last_seen_at)
    VALUES ('user.email_in_use:u-2', 'user.email_in_use', 'error', 'Bob', 'fix.email-in-use', NULL, 1, ?, 1, ?)`,
  ).run(at(9), at(9));
  db.prepare(
    `INSERT INTO finding_evidence VALUES ('user.email_in_use:u-2', 1, 1, '{"email":"bob@acme.test"}')`,
  ).run();
  db.prepare(
    `INSERT INTO retries (requested_at, requested_by, object_type, entra_id, state, request) VALUES (?, 'admin', 'user', 'u-2', 'failed', '{}')`,
  ).run(at(10));
})();
db.close();
console.log(`wrote ${path} (schema ${version})`);
