import type Database from 'better-sqlite3';

import {
  severityRank as severityRanks,
  type FindingRow,
  type InputOf,
  type Page,
} from '../../../shared/contract';
import { keysetPage } from '../store/keyset-page';
import { conditions } from './sql-conditions';

/** Matches the shared `severityRank`: higher is more severe. */
/** Indexed as written (migration 13): change a character and the index no longer serves it. */
const severityRank = `CASE severity WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END`;

export interface FindingColumns {
  key: string;
  kind: FindingRow['kind'];
  severity: FindingRow['severity'];
  cause: FindingRow['cause'] | null;
  entraId: string | null;
  scimId: string | null;
  displayName: string;
  evidence: string;
  fixId: string;
  rootKey: string | null;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
  symptoms: number;
}

/**
 * A findings row as the contract shapes it: absent rather than null, evidence parsed. Built field by
 * field: rest-and-spread copies were most of a cold `scimwatch findings` (80 ms of 5,600 rows).
 */
export function findingRecord(row: FindingColumns): FindingRow {
  const record: FindingRow = {
    key: row.key,
    kind: row.kind,
    severity: row.severity,
    displayName: row.displayName,
    fixId: row.fixId,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    symptoms: row.symptoms,
    evidence: JSON.parse(row.evidence) as Record<string, unknown>,
  };
  if (row.cause) record.cause = row.cause;
  if (row.entraId) record.entraId = row.entraId;
  if (row.scimId) record.scimId = row.scimId;
  if (row.rootKey) record.rootKey = row.rootKey;
  if (row.resolvedAt) record.resolvedAt = row.resolvedAt;
  return record;
}

/** The columns of a finding, with its open symptoms counted (by the root index). */
export const findingColumns = `key, kind, severity, cause, entra_id AS entraId, scim_id AS scimId,
  display_name AS displayName, evidence, fix_id AS fixId, root_key AS rootKey, first_seen_at AS firstSeen,
  last_seen_at AS lastSeen, resolved_at AS resolvedAt,
  (SELECT count(*) FROM findings s WHERE s.root_key = findings.key AND s.resolved_at IS NULL) AS symptoms`;

type FindingQuery = InputOf<'findings.list'>;

/** A page of findings, most recently seen first (or most severe first). */
export function findingPage(db: Database.Database, query: FindingQuery): Page<FindingRow> {
  const { filter, sort, limit = 100, cursor, offset, total } = query;
  const { where, params, add } = conditions();
  const state = filter?.state ?? 'open';
  if (state === 'open') add('resolved_at IS NULL');
  if (state === 'resolved') add('resolved_at IS NOT NULL');
  if (filter?.kind) add('kind = ?', filter.kind);
  if (filter?.kindGroup) add('kind >= ? AND kind < ?', `${filter.kindGroup}.`, `${filter.kindGroup}/`);
  if (filter?.minSeverity) add(`${severityRank} >= ?`, severityRanks[filter.minSeverity]);
  if (filter?.severity) add('severity = ?', filter.severity);
  if (filter?.roots) add('root_key IS NULL');
  if (filter?.rootKey) add('root_key = ?', filter.rootKey);
  if (filter?.cause) add('cause = ?', filter.cause);
  if (filter?.changedInRun)
    add(
      '((first_seen_run = ? AND resolved_run IS NULL) OR resolved_run = ?)',
      filter.changedInRun,
      filter.changedInRun,
    );
  const text = filter?.text?.trim().toLowerCase();
  if (text) {
    add(
      `(instr(lower(display_name), ?) > 0 OR instr(lower(key), ?) > 0 OR entra_id = ? OR scim_id = ?)`,
      text,
      text,
      text,
      text,
    );
  }
  const bySeverity = sort?.field === 'severity';
  const sortExpression = bySeverity ? severityRank : 'last_seen_at';
  return keysetPage<FindingColumns & { sort_key: string | number; tie_key: string }, FindingRow>({
    db,
    select: `SELECT ${findingColumns}, ${sortExpression} AS sort_key, key AS tie_key`,
    from: 'FROM findings',
    sortExpression,
    tieExpression: 'key',
    direction: sort?.direction ?? 'desc',
    where,
    params,
    limit,
    cursor,
    offset,
    total,
    toItem: findingRecord,
  });
}
