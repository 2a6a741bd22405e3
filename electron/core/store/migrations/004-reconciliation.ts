import type { Migration } from '../migrate';

/**
 * What reconciliation keeps. A finding's changeable part (severity, evidence, root, fix) is stored as
 * versions valid from one run to another, and so is the configuration checklist: a new row only when
 * something changed, yet any past run can be rebuilt exactly. Collectors also keep each object's latest
 * log entry and the kind of their last error, which the rules read.
 */
export const reconciliation: Migration = {
  version: 4,
  name: 'reconciliation',
  sql: `
    ALTER TABLE findings RENAME COLUMN subject TO display_name;
    ALTER TABLE findings ADD COLUMN cause TEXT;
    ALTER TABLE findings ADD COLUMN entra_id TEXT;
    ALTER TABLE findings ADD COLUMN scim_id TEXT;
    ALTER TABLE findings ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
    CREATE INDEX findings_by_kind ON findings (kind, resolved_at);

    ALTER TABLE finding_evidence RENAME TO finding_versions;
    ALTER TABLE finding_versions RENAME COLUMN run_id TO valid_from_run;
    ALTER TABLE finding_versions RENAME COLUMN evidence TO state;
    ALTER TABLE finding_versions ADD COLUMN valid_to_run INTEGER REFERENCES reconciliation_runs (id);
    CREATE INDEX finding_versions_open ON finding_versions (valid_to_run, finding_key);

    ALTER TABLE reconciliation_runs ADD COLUMN trigger TEXT NOT NULL DEFAULT 'manual';

    CREATE TABLE checklist_versions (
      version INTEGER PRIMARY KEY,
      valid_from_run INTEGER NOT NULL REFERENCES reconciliation_runs (id),
      valid_to_run INTEGER REFERENCES reconciliation_runs (id),
      body TEXT NOT NULL              -- JSON: each step of Pulumi's Entra guide with its outcome
    );

    -- The latest log entry of each Entra object, kept as events arrive so reconciliation reads one row
    -- per object instead of grouping the whole log (a million entries at scale).
    CREATE TABLE object_outcomes (
      entra_id TEXT PRIMARY KEY,
      identity_type TEXT NOT NULL,
      event_id TEXT NOT NULL,
      activity_date_time TEXT NOT NULL,
      status TEXT NOT NULL,
      action TEXT NOT NULL,
      cause TEXT,
      error_code TEXT,
      reason TEXT,                    -- failures only: Entra's reason, quoting Pulumi's SCIM error
      display_name TEXT
    ) WITHOUT ROWID;
    INSERT INTO object_outcomes
      SELECT source_id, identity_type, id, MAX(activity_date_time), status, action, cause, error_code,
             CASE status WHEN 'failure'
               THEN json_extract(raw, '$.provisioningStatusInfo.errorInformation.reason') END,
             source_display_name
        FROM provisioning_events WHERE source_id IS NOT NULL GROUP BY source_id;

    ALTER TABLE poll_state ADD COLUMN last_error_code TEXT;  -- e.g. 'unauthorized', 'permission_missing'
    ALTER TABLE poll_state ADD COLUMN last_error_hint TEXT;
  `,
};
