import type { Migration } from '../migrate';

/**
 * Search over the provisioning log and the tables' windowed paging.
 *
 * - Each entry gets an integer `seq` (in time order for the history stored now, arrival order after),
 *   the rowid of a contentless FTS5 index: the log is a WITHOUT ROWID table keyed by Graph's id. The
 *   index keeps no copy of the text and no positions (`detail=none`), which keeps it a small fraction
 *   of the log; searches are words, all of which must appear, the one being typed as a prefix. Short
 *   prefixes are indexed (1 to 6 characters): a first keystroke that matches a million entries reads
 *   one list instead of merging every word that starts with it.
 * - The log gains an index by cause (the Overview's cause chart links to a cause's entries).
 * - Findings gain an index by root, so a root's symptoms (and their count per row) read directly, and
 *   one by Entra object, so a log entry finds the finding it feeds.
 */
/** The search text as this migration built it, from the entry kept whole (migration 12 compacts it). */
const eventSearchText = `concat_ws(' ', e.source_display_name, e.target_display_name, e.id, e.source_id,
  e.target_id, e.error_code, json_extract(e.raw, '$.provisioningStatusInfo.errorInformation.reason'),
  (SELECT group_concat(p.value ->> '$.newValue', ' ') FROM json_each(e.raw, '$.modifiedProperties') p
    WHERE p.value ->> '$.displayName' IN ('userPrincipalName', 'userName', 'mail', 'mailNickname',
      'emails[type eq "work"].value', 'externalId')),
  u.user_principal_name, u.mail)`;

export const eventSearch: Migration = {
  version: 7,
  name: 'event-search',
  sql: `
    ALTER TABLE provisioning_events ADD COLUMN seq INTEGER;
    UPDATE provisioning_events SET seq = numbered.seq
      FROM (SELECT id, row_number() OVER (ORDER BY activity_date_time, id) AS seq FROM provisioning_events) numbered
     WHERE numbered.id = provisioning_events.id;
    CREATE UNIQUE INDEX provisioning_events_by_seq ON provisioning_events (seq);

    CREATE VIRTUAL TABLE event_search USING fts5 (
      body, content = '', contentless_delete = 1, detail = none, prefix = '1 2 3 4 5 6',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Its words, so a long typed prefix can be spelt out as the few words it stands for.
    CREATE VIRTUAL TABLE event_search_terms USING fts5vocab (event_search, 'row');
    INSERT INTO event_search (rowid, body)
      SELECT e.seq, ${eventSearchText}
        FROM provisioning_events e LEFT JOIN entra_users u ON u.id = e.source_id;

    CREATE INDEX provisioning_events_by_cause ON provisioning_events (cause, activity_date_time);

    CREATE INDEX findings_by_root ON findings (root_key, resolved_at);
    CREATE INDEX findings_by_entra_id ON findings (entra_id, resolved_at);
  `,
};
