import type { Migration } from '../migrate';

/**
 * The first schema. History tables exist from day one: provisioning events outlive Graph's 30-day
 * retention and past reconciliation runs exist only here, so later migrations must never drop them.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,            -- JSON; never a secret (those live in the secret store)
      updated_at TEXT NOT NULL
    );

    CREATE TABLE poll_state (
      source TEXT PRIMARY KEY,        -- e.g. 'entra.provisioningEvents', 'pulumi.users'
      watermark TEXT,
      cursor TEXT,
      delta_link TEXT,
      last_success_at TEXT,
      last_error_at TEXT,
      last_error TEXT,
      next_run_at TEXT
    );

    CREATE TABLE provisioning_events (
      id TEXT PRIMARY KEY,
      activity_date_time TEXT NOT NULL,
      status TEXT NOT NULL,
      action TEXT NOT NULL,
      identity_type TEXT NOT NULL,
      source_id TEXT,
      source_display_name TEXT,
      target_id TEXT,
      target_display_name TEXT,
      error_code TEXT,
      cause TEXT,
      cycle_id TEXT,
      job_id TEXT,
      change_id TEXT,
      raw TEXT NOT NULL,              -- the Graph entry as received, JSON
      ingested_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX provisioning_events_by_time ON provisioning_events (activity_date_time, id);
    CREATE INDEX provisioning_events_by_status ON provisioning_events (status, activity_date_time);
    CREATE INDEX provisioning_events_by_source ON provisioning_events (source_id, activity_date_time);

    CREATE TABLE identity_links (
      object_type TEXT NOT NULL,      -- 'user' | 'group'
      entra_id TEXT NOT NULL,
      scim_id TEXT NOT NULL,
      learned_from TEXT NOT NULL,     -- 'provisioning_log' | 'match'
      learned_at TEXT NOT NULL,
      PRIMARY KEY (object_type, entra_id)
    );

    CREATE TABLE job_status_changes (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL,
      observed_at TEXT NOT NULL,
      status_code TEXT,
      quarantined INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL             -- JSON of the job status as Graph reported it
    );
    CREATE INDEX job_status_changes_by_job ON job_status_changes (job_id, observed_at);

    CREATE TABLE schema_snapshots (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL,
      taken_at TEXT NOT NULL,
      hash TEXT NOT NULL,
      body TEXT NOT NULL,
      diff TEXT
    );

    CREATE TABLE secret_snapshots (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL,
      taken_at TEXT NOT NULL,
      hash TEXT NOT NULL,
      body TEXT NOT NULL,             -- Graph returns credential values masked; only those are kept
      diff TEXT
    );

    CREATE TABLE reconciliation_runs (
      id INTEGER PRIMARY KEY,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL,           -- 'running' | 'completed' | 'failed'
      summary TEXT                    -- JSON counts by kind and severity
    );

    CREATE TABLE findings (
      key TEXT PRIMARY KEY,           -- kind + object ids (+ attribute): stable across runs
      kind TEXT NOT NULL,
      severity TEXT NOT NULL,
      subject TEXT NOT NULL,
      fix_id TEXT,
      root_key TEXT,
      first_seen_run INTEGER NOT NULL REFERENCES reconciliation_runs (id),
      first_seen_at TEXT NOT NULL,
      last_seen_run INTEGER NOT NULL REFERENCES reconciliation_runs (id),
      last_seen_at TEXT NOT NULL,
      resolved_run INTEGER REFERENCES reconciliation_runs (id),
      resolved_at TEXT
    );
    CREATE INDEX findings_open ON findings (resolved_at, last_seen_at);

    CREATE TABLE finding_evidence (
      finding_key TEXT NOT NULL REFERENCES findings (key),
      version INTEGER NOT NULL,
      run_id INTEGER NOT NULL REFERENCES reconciliation_runs (id),
      evidence TEXT NOT NULL,         -- JSON; a new version only when the evidence changed
      PRIMARY KEY (finding_key, version)
    );

    CREATE TABLE retries (
      id INTEGER PRIMARY KEY,
      requested_at TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      object_type TEXT NOT NULL,
      entra_id TEXT NOT NULL,
      state TEXT NOT NULL,
      request TEXT NOT NULL,
      response TEXT,
      verified_outcome TEXT,
      finished_at TEXT
    );
  `,
};
