import type { Migration } from '../migrate';

/**
 * What ScimWatch does to the tenant, and the trail it keeps: one row per action (a retry request
 * through provisionOnDemand, a job start, pause or restart), which is the queue while it waits and
 * the audit trail once it ends. An action is marked `sending` in its own transaction before the
 * request leaves, so one found there after a crash is known to be of unknown outcome.
 *
 * `log_seq_at_send` is the log's arrival position when the request left: only entries that arrived
 * after it can verify the outcome. Replaces 001's `retries`, whose rows are kept as finished retries:
 * one waiting or running then is of unknown outcome now, and is never sent without a person.
 */
export const actions: Migration = {
  version: 8,
  name: 'actions',
  sql: `
    CREATE TABLE actions (
      id INTEGER PRIMARY KEY,
      batch_id INTEGER,
      kind TEXT NOT NULL,
      actor TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      object_type TEXT,
      entra_id TEXT,
      display_name TEXT,
      finding_key TEXT,
      cause TEXT,
      member_ids TEXT NOT NULL DEFAULT '[]',
      forced INTEGER NOT NULL DEFAULT 0,
      resend_of INTEGER REFERENCES actions (id),
      state TEXT NOT NULL,
      request TEXT,
      response TEXT,
      message TEXT,
      outcome_cause TEXT,
      sent_at TEXT,
      log_seq_at_send INTEGER,
      finished_at TEXT
    );
    INSERT INTO actions (id, kind, actor, requested_at, object_type, entra_id, state, request, response,
                         message, finished_at)
      SELECT id, 'retry', requested_by, requested_at, object_type, entra_id,
             CASE state WHEN 'verified' THEN 'verified_succeeded' WHEN 'unverified' THEN 'unverified'
                        WHEN 'failed' THEN 'failed' WHEN 'succeeded' THEN 'unverified'
                        ELSE 'outcome_unknown' END,
             request, response, coalesce(verified_outcome, 'Recorded by an earlier build of ScimWatch.'),
             coalesce(finished_at, requested_at)
        FROM retries;
    DROP TABLE retries;
    CREATE INDEX actions_by_state ON actions (state, id);
    CREATE INDEX actions_by_batch ON actions (batch_id, id);

    CREATE TABLE retry_queue (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      paused INTEGER NOT NULL DEFAULT 0,
      changed_by TEXT,
      changed_at TEXT
    );
    INSERT INTO retry_queue (id, paused) VALUES (1, 0);
  `,
};
