import type Database from 'better-sqlite3';

import type { FindingDetail, FindingVersion, Settings } from '../../../shared/contract';
import { fixById, renderFix, type FixContext } from '../../../shared/fixes';
import { readNewestRawEntry } from '../store/provisioning-events-repo';
import { findingColumns, findingRecord, type FindingColumns } from './finding-rows';
import { compareObjects } from './object-comparison';

function loggedApp(db: Database.Database): { servicePrincipalId: string | null; appId: string | null } {
  const raw = readNewestRawEntry(db);
  const entry = (raw ? JSON.parse(raw) : {}) as {
    servicePrincipal?: { id?: string };
    targetSystem?: { details?: { ApplicationId?: string } };
  };
  return {
    servicePrincipalId: entry.servicePrincipal?.id ?? null,
    appId: entry.targetSystem?.details?.ApplicationId ?? null,
  };
}

/**
 * Who and where this profile watches, for a fix's links (the org, the provisioning app). Settings may
 * name the app by one id only; the log's newest entry names both.
 */
export function fixContextOf(db: Database.Database, settings: Partial<Settings>): FixContext {
  const logged = settings.servicePrincipalId && settings.provisioningAppId ? undefined : loggedApp(db);
  return {
    org: settings.pulumiOrg ?? null,
    servicePrincipalId: settings.servicePrincipalId ?? logged?.servicePrincipalId ?? null,
    appId: settings.provisioningAppId ?? logged?.appId ?? null,
    clientId: settings.clientId ?? null,
  };
}

interface VersionRow {
  version: number;
  fromRun: number;
  from: string;
  toRun: number | null;
  to: string | null;
  state: string;
}

/** Each version of a finding, oldest first, with the runs (and their times) it held between. */
function findingHistory(db: Database.Database, key: string): FindingVersion[] {
  const rows = db
    .prepare(
      `SELECT v.version, v.valid_from_run AS fromRun, f.finished_at AS "from", v.valid_to_run AS toRun,
              t.finished_at AS "to", v.state
         FROM finding_versions v
         JOIN reconciliation_runs f ON f.id = v.valid_from_run
         LEFT JOIN reconciliation_runs t ON t.id = v.valid_to_run
        WHERE v.finding_key = ? ORDER BY v.version`,
    )
    .all(key) as VersionRow[];
  return rows.map(({ state, ...row }) => {
    const parsed = JSON.parse(state) as Pick<FindingVersion, 'severity' | 'displayName' | 'evidence'>;
    return { ...row, severity: parsed.severity, displayName: parsed.displayName, evidence: parsed.evidence };
  });
}

/** A finding whole: its row, the guided fix filled with its values, its history and both sides' values. */
export function findingDetail(
  db: Database.Database,
  key: string,
  settings: Partial<Settings>,
): FindingDetail | null {
  const row = db.prepare(`SELECT ${findingColumns} FROM findings WHERE key = ?`).get(key) as
    FindingColumns | undefined;
  if (!row) return null;
  const finding = findingRecord(row);
  const fix = fixById(finding.fixId);
  return {
    ...finding,
    fix: fix ? renderFix(fix, finding, fixContextOf(db, settings)) : null,
    history: findingHistory(db, key),
    comparison: compareObjects(db, finding),
  };
}
