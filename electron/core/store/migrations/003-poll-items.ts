import type { Migration } from '../migrate';

/** How many items each source's last successful pass fetched (the status bar's "items fetched"). */
export const pollItems: Migration = {
  version: 3,
  name: 'poll-items',
  sql: `ALTER TABLE poll_state ADD COLUMN items_fetched INTEGER;`,
};
