import type Database from 'better-sqlite3';

import type { FindingRecord, TimelineEntry } from '../../../shared/contract';
import { findingColumns, findingRecord, type FindingColumns } from '../tables/finding-rows';

/** Timelines and finding lists are capped: a person or group with more is summarised by counts. */
export const timelineCap = 500;
const findingCap = 200;

/** Every stored log entry about one Entra object, newest first. */
export function readTimeline(db: Database.Database, entraId: string): TimelineEntry[] {
  return db
    .prepare(
      `SELECT id, activity_date_time AS activityDateTime, status, action, cause, error_code AS errorCode
         FROM provisioning_events WHERE source_id = ?
        ORDER BY activity_date_time DESC, id DESC LIMIT ${timelineCap}`,
    )
    .all(entraId) as TimelineEntry[];
}

/** Findings about one object, open first, then most recently seen. */
export function readFindings(
  db: Database.Database,
  entraId: string | null,
  scimId: string | null,
): FindingRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT ${findingColumns} FROM findings WHERE entra_id = @entraId
         UNION ALL
         SELECT ${findingColumns} FROM findings WHERE entra_id IS NULL AND scim_id = @scimId)
        ORDER BY resolvedAt IS NOT NULL, lastSeen DESC LIMIT ${findingCap}`,
    )
    .all({ entraId, scimId }) as FindingColumns[];
  return rows.map(findingRecord);
}

/** Names of the groups (Entra) or teams (Pulumi) one member belongs to. */
export function membershipNames(db: Database.Database, side: 'entra' | 'pulumi', memberId: string): string[] {
  return db
    .prepare(
      `SELECT coalesce(g.display_name, m.group_id) FROM ${side}_group_members m
         LEFT JOIN ${side}_groups g ON g.id = m.group_id WHERE m.member_id = ? ORDER BY 1`,
    )
    .pluck()
    .all(memberId) as string[];
}
