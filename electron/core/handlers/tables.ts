import {
  severityRank as severityRanks,
  type FindingRow,
  type ProvisioningEventDetail,
  type ProvisioningEventRow,
} from '../../../shared/contract';
import { keysetPage } from '../store/keyset-page';
import type { HandlerTable } from './context';

type EventRecord = ProvisioningEventRow & { sort_key: string; tie_key: string };

const eventColumns = `
  id, activity_date_time AS activityDateTime, status, action, identity_type AS identityType,
  source_id AS sourceId, source_display_name AS sourceDisplayName, target_id AS targetId,
  target_display_name AS targetDisplayName, error_code AS errorCode, cause, cycle_id AS cycleId,
  job_id AS jobId, activity_date_time AS sort_key, id AS tie_key`;

/** Collects WHERE clauses with their parameters, in order. */
function conditions() {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    params.push(...values);
  };
  return { where, params, add };
}

/** Matches the shared `severityRank`: higher is more severe. */
const severityRank = `CASE severity WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END`;

interface FindingColumns {
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
}

/** A findings row as the contract shapes it: absent rather than null, evidence parsed. */
function findingRecord(row: FindingColumns): FindingRow {
  const { cause, entraId, scimId, rootKey, resolvedAt, evidence, ...rest } = row;
  return {
    ...rest,
    evidence: JSON.parse(evidence) as Record<string, unknown>,
    ...(cause ? { cause } : {}),
    ...(entraId ? { entraId } : {}),
    ...(scimId ? { scimId } : {}),
    ...(rootKey ? { rootKey } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
  };
}

const findingColumns = `key, kind, severity, cause, entra_id AS entraId, scim_id AS scimId,
  display_name AS displayName, evidence, fix_id AS fixId, root_key AS rootKey, first_seen_at AS firstSeen,
  last_seen_at AS lastSeen, resolved_at AS resolvedAt`;

/** Paged reads of the history tables, answered by the query worker. */
export const tableHandlers: HandlerTable = {
  'provisioningEvents.list': ({ filter, sort, limit, cursor }, { db }) => {
    const { where, params, add } = conditions();
    if (filter?.status) add('status = ?', filter.status);
    if (filter?.identityType) add('identity_type = ?', filter.identityType);
    if (filter?.since) add('activity_date_time >= ?', filter.since);
    if (filter?.until) add('activity_date_time < ?', filter.until);
    if (filter?.cause) add('cause = ?', filter.cause);
    if (filter?.action) add('action = ?', filter.action);
    if (filter?.text) {
      const t = filter.text;
      add(
        `(instr(lower(coalesce(source_display_name, '')), lower(?)) > 0
          OR instr(lower(coalesce(target_display_name, '')), lower(?)) > 0
          OR source_id = ? OR target_id = ?)`,
        t,
        t,
        t,
        t,
      );
    }
    return keysetPage<EventRecord, ProvisioningEventRow>({
      db,
      select: `SELECT ${eventColumns} FROM provisioning_events`,
      sortExpression: 'activity_date_time',
      tieExpression: 'id',
      direction: sort?.direction ?? 'desc',
      where,
      params,
      limit,
      cursor,
      toItem: ({ sort_key: _s, tie_key: _t, ...row }) => row,
    });
  },

  'findings.list': ({ filter, sort, limit, cursor }, { db }) => {
    const { where, params, add } = conditions();
    const state = filter?.state ?? 'open';
    if (state === 'open') add('resolved_at IS NULL');
    if (state === 'resolved') add('resolved_at IS NOT NULL');
    if (filter?.kind) add('kind = ?', filter.kind);
    if (filter?.minSeverity) add(`${severityRank} >= ?`, severityRanks[filter.minSeverity]);
    if (filter?.roots) add('root_key IS NULL');
    if (filter?.cause) add('cause = ?', filter.cause);
    if (filter?.changedInRun)
      add(
        '((first_seen_run = ? AND resolved_run IS NULL) OR resolved_run = ?)',
        filter.changedInRun,
        filter.changedInRun,
      );
    const bySeverity = sort?.field === 'severity';
    const sortExpression = bySeverity ? severityRank : 'last_seen_at';
    return keysetPage<FindingColumns & { sort_key: string | number; tie_key: string }, FindingRow>({
      db,
      select: `SELECT ${findingColumns}, ${sortExpression} AS sort_key, key AS tie_key FROM findings`,
      sortExpression,
      tieExpression: 'key',
      direction: sort?.direction ?? 'desc',
      where,
      params,
      limit,
      cursor,
      toItem: ({ sort_key: _s, tie_key: _t, ...row }) => findingRecord(row),
    });
  },

  'provisioningEvents.get': ({ id }, { db }) => {
    const row = db
      .prepare(
        `SELECT ${eventColumns}, change_id AS changeId, ingested_at AS ingestedAt, raw FROM provisioning_events WHERE id = ?`,
      )
      .get(id) as (EventRecord & { changeId: string | null; ingestedAt: string; raw: string }) | undefined;
    if (!row) return null;
    const { sort_key: _s, tie_key: _t, raw, ...rest } = row;
    return { ...rest, entry: JSON.parse(raw) as Record<string, unknown> } satisfies ProvisioningEventDetail;
  },

  'findings.get': ({ key }, { db }) => {
    const row = db.prepare(`SELECT ${findingColumns} FROM findings WHERE key = ?`).get(key) as
      FindingColumns | undefined;
    return row ? findingRecord(row) : null;
  },
};
