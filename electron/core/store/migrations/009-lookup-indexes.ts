import type { Migration } from '../migrate';

/**
 * Lookup reads one object across every table: the groups and teams a member is in, the Entra id
 * behind a SCIM id, and findings filed under a SCIM id alone. Without these indexes each of those is
 * a scan of half a million memberships or of every link, per question; names are found by prefix.
 */
export const lookupIndexes: Migration = {
  version: 9,
  name: 'lookup-indexes',
  sql: `
    CREATE INDEX entra_group_members_by_member ON entra_group_members (member_id);
    CREATE INDEX pulumi_group_members_by_member ON pulumi_group_members (member_id);
    CREATE INDEX identity_links_by_scim_id ON identity_links (scim_id);
    CREATE INDEX entra_users_by_name ON entra_users (lower(display_name));
    CREATE INDEX findings_by_scim_id ON findings (scim_id, resolved_at);
  `,
};
