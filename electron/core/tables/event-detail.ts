import type Database from 'better-sqlite3';

import type {
  Finding,
  ProvisioningEventDetail,
  ProvisioningEventRow,
  Settings,
} from '../../../shared/contract';
import { fixFor, renderFix } from '../../../shared/fixes';
import type { FailureCause } from '../../../shared/finding-kinds';
import { webResponseBody } from '../provisioning/classify-cause';
import { readRawEntry } from '../store/provisioning-events-repo';
import { eventColumns } from './event-rows';
import { findingColumns, findingRecord, type FindingColumns } from './finding-rows';
import { fixContextOf } from './finding-detail';

type StoredEvent = ProvisioningEventRow & { changeId: string | null; ingestedAt: string };

function reasonOf(entry: Record<string, unknown>): string | null {
  const info = entry['provisioningStatusInfo'] as { errorInformation?: { reason?: unknown } } | undefined;
  const reason = info?.errorInformation?.reason;
  return typeof reason === 'string' ? reason : null;
}

/**
 * The open finding an entry feeds: the one about its object with its cause (a failure the rules
 * turned into a finding), else any open finding about the object.
 */
function fedFinding(db: Database.Database, event: StoredEvent) {
  if (!event.sourceId) return undefined;
  const row = db
    .prepare(
      `SELECT ${findingColumns} FROM findings
        WHERE entra_id = ? AND resolved_at IS NULL
        ORDER BY (cause IS ?) DESC, (kind = 'provisioning.failure') DESC, last_seen_at DESC LIMIT 1`,
    )
    .get(event.sourceId, event.cause) as FindingColumns | undefined;
  return row ? findingRecord(row) : undefined;
}

/** One log entry whole, with Pulumi's SCIM error read out of Entra's reason and the fix for its cause. */
export function eventDetail(
  db: Database.Database,
  id: string,
  settings: Partial<Settings>,
): ProvisioningEventDetail | null {
  const row = db
    .prepare(
      `SELECT ${eventColumns}, change_id AS changeId, ingested_at AS ingestedAt FROM provisioning_events WHERE id = ?`,
    )
    .get(id) as StoredEvent | undefined;
  const raw = row ? readRawEntry(db, id) : null;
  if (!row || raw === null) return null;
  const entry = JSON.parse(raw) as Record<string, unknown>;
  const reason = reasonOf(entry);
  const finding = fedFinding(db, row);
  const failed = row.status === 'failure' || row.status === 'warning';
  const fix = failed
    ? fixFor('provisioning.failure', (row.cause ?? undefined) as FailureCause | undefined)
    : undefined;
  // Filled with the finding's values when there is one, else with what the entry itself says.
  const subject: Finding = finding ?? {
    key: row.id,
    kind: 'provisioning.failure',
    severity: 'error',
    displayName: row.sourceDisplayName ?? row.targetDisplayName ?? row.id,
    ...(row.sourceId ? { entraId: row.sourceId } : {}),
    evidence: { reason, errorCode: row.errorCode, action: row.action },
    fixId: fix?.id ?? 'none',
  };
  return {
    ...row,
    entry,
    reason,
    scimError: webResponseBody(reason),
    fix: fix ? renderFix(fix, subject, fixContextOf(db, settings)) : null,
    findingKey: finding?.key ?? null,
  };
}
