import type { Migration } from '../migrate';

/**
 * Open findings in severity order, as `scimwatch findings` and the Findings page read them: without
 * it every page sorted all open findings again (thousands at scale). The expression is the one in
 * tables/finding-rows.ts, character for character, or SQLite would not use the index.
 */
export const findingsBySeverity: Migration = {
  version: 13,
  name: 'findings-by-severity',
  sql: `
    CREATE INDEX findings_by_severity ON findings
      (resolved_at, (CASE severity WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END), key);
  `,
};
