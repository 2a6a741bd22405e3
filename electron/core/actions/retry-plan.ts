import type Database from 'better-sqlite3';

import type { RetryObjectType, RetryRefusal } from '../../../shared/contract';
import type { FailureCause } from '../../../shared/finding-kinds';
import { latestSecrets } from '../store/configuration-snapshots-repo';
import type { NewAction } from '../store/actions-repo';

/** What an admin asked to retry: one object, with the finding behind it when there is one. */
export interface RetryTarget {
  entraId: string;
  objectType?: RetryObjectType | undefined;
  findingKey?: string | undefined;
  cause?: FailureCause | null | undefined;
}

/** A user as Graph holds it now (read just before planning, so a fix made a minute ago counts). */
export interface LiveUser {
  mail: string | null;
  accountEnabled: boolean | null;
  displayName: string | null;
}

/** provisionOnDemand takes a group with at most this many members per request. */
export const membersPerRequest = 5;

interface EntraObject {
  objectType: RetryObjectType;
  displayName: string | null;
  accountEnabled: number | null;
  mail: string | null;
  inScope: number;
}

/**
 * Every open failure (of one cause, or of any): the objects behind open findings that carry a cause,
 * one target per object, its root finding first.
 */
export function failedTargets(db: Database.Database, cause: FailureCause | null): RetryTarget[] {
  const rows = db
    .prepare(
      `SELECT entra_id AS entraId, key AS findingKey, cause FROM findings
        WHERE resolved_at IS NULL AND entra_id IS NOT NULL AND cause IS NOT NULL AND (? IS NULL OR cause = ?)
        ORDER BY root_key IS NOT NULL, key`,
    )
    .all(cause, cause) as { entraId: string; findingKey: string; cause: FailureCause }[];
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.entraId) && seen.add(row.entraId));
}

/**
 * Turns targets into the requests to send, refusing what on-demand provisioning cannot fix (deleted
 * in Entra, out of scope, a disabled user whose only problem is the delete Pulumi refuses) and — unless
 * forced — what the evidence says will fail again. A group goes with at most five members a request;
 * a larger group's other members follow in further requests for the same group.
 */
export function planRetries(
  db: Database.Database,
  targets: RetryTarget[],
  options: {
    actor: string;
    force: boolean;
    /** Users read from Graph now, when that worked: a stored user missing here was deleted since. */
    live?: Map<string, LiveUser> | undefined;
  },
): { actions: NewAction[]; refused: RetryRefusal[] } {
  const syncAll = latestSecrets(db).get('SyncAll')?.toLowerCase() === 'true';
  const stored = objectReader(db, syncAll);
  const { live } = options;
  const read = (id: string, type: RetryObjectType | undefined): EntraObject | undefined => {
    const object = stored(id, type);
    if (!object || object.objectType !== 'user' || !live) return object;
    const now = live.get(id);
    return now
      ? {
          ...object,
          mail: now.mail,
          displayName: now.displayName ?? object.displayName,
          accountEnabled: now.accountEnabled === null ? object.accountEnabled : Number(now.accountEnabled),
        }
      : undefined;
  };
  const actions: NewAction[] = [];
  const refused: RetryRefusal[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.entraId)) continue;
    seen.add(target.entraId);
    const object = read(target.entraId, target.objectType);
    const refuse = (reason: string, canForce = false) =>
      refused.push({ entraId: target.entraId, displayName: object?.displayName ?? null, reason, canForce });
    if (!object) {
      refuse('It no longer exists in Entra (deleted, or never read): there is nothing to provision.');
      continue;
    }
    if (!object.inScope) {
      refuse(
        `It is out of the provisioning scope: assign the ${object.objectType} to the Pulumi app in Entra, or add it to an assigned group, first.`,
      );
      continue;
    }
    const openCauses = causesOpenFor(db, target.entraId);
    if (
      object.objectType === 'user' &&
      object.accountEnabled === 0 &&
      openCauses.length > 0 &&
      openCauses.every((cause) => cause === 'user_delete_unsupported')
    ) {
      refuse(
        'The user is disabled, and Pulumi refuses the delete by design: its SCIM service deactivates instead. Nothing a retry can change.',
      );
      continue;
    }
    const prediction = options.force ? null : predictFailure(db, target.entraId, object);
    if (prediction) {
      refuse(prediction, true);
      continue;
    }
    const base: NewAction = {
      kind: 'retry',
      actor: options.actor,
      objectType: object.objectType,
      entraId: target.entraId,
      displayName: object.displayName,
      findingKey: target.findingKey ?? null,
      cause: target.cause ?? openCauses[0] ?? null,
      forced: options.force,
    };
    if (object.objectType === 'user') actions.push(base);
    else for (const memberIds of memberChunks(db, target.entraId)) actions.push({ ...base, memberIds });
  }
  return { actions, refused };
}

function objectReader(db: Database.Database, syncAll: boolean) {
  const assigned = `EXISTS (SELECT 1 FROM entra_assignments a WHERE a.principal_id = @id)`;
  const user = db.prepare(
    `SELECT 'user' AS objectType, display_name AS displayName, account_enabled AS accountEnabled, mail,
            (@syncAll OR ${assigned} OR EXISTS (
              SELECT 1 FROM entra_group_members m JOIN entra_assignments a ON a.principal_id = m.group_id
               WHERE m.member_id = @id AND a.principal_type = 'Group')) AS inScope
       FROM entra_users WHERE id = @id`,
  );
  const group = db.prepare(
    `SELECT 'group' AS objectType, display_name AS displayName, NULL AS accountEnabled, NULL AS mail,
            (@syncAll OR ${assigned}) AS inScope
       FROM entra_groups WHERE id = @id`,
  );
  return (id: string, type: RetryObjectType | undefined): EntraObject | undefined => {
    const params = { id, syncAll: syncAll ? 1 : 0 };
    if (type !== 'group') {
      const found = user.get(params) as EntraObject | undefined;
      if (found || type === 'user') return found;
    }
    return group.get(params) as EntraObject | undefined;
  };
}

function causesOpenFor(db: Database.Database, entraId: string): FailureCause[] {
  return db
    .prepare(
      `SELECT DISTINCT cause FROM findings WHERE entra_id = ? AND resolved_at IS NULL AND cause IS NOT NULL`,
    )
    .pluck()
    .all(entraId) as FailureCause[];
}

/** Why the object's own open findings say a retry will fail as before, or null. */
function predictFailure(db: Database.Database, entraId: string, object: EntraObject): string | null {
  const open = db
    .prepare(`SELECT kind, evidence FROM findings WHERE entra_id = ? AND resolved_at IS NULL`)
    .all(entraId) as { kind: string; evidence: string }[];
  const kinds = new Map(open.map((f) => [f.kind, JSON.parse(f.evidence) as Record<string, unknown>]));
  const tooLong = kinds.get('team.name_too_long');
  const limit = typeof tooLong?.limit === 'number' ? tooLong.limit : null;
  if (object.objectType === 'group' && limit !== null && (object.displayName ?? '').length > limit)
    return `The group's name is still ${(object.displayName ?? '').length} characters; Pulumi accepts at most ${limit}. Shorten it in Entra first.`;
  if (object.objectType === 'user' && kinds.has('user.missing_email') && !object.mail?.trim())
    return 'The user still has no mail in Entra, and Pulumi requires an email. Set the mail attribute first.';
  if (object.objectType === 'user' && kinds.has('user.email_in_use') && object.mail) {
    const holder = db
      .prepare(
        `SELECT 1 FROM pulumi_users p WHERE lower(p.email) = lower(?)
            AND NOT EXISTS (SELECT 1 FROM identity_links l WHERE l.entra_id = ? AND l.scim_id = p.id)`,
      )
      .get(object.mail, entraId);
    if (holder)
      return `Another Pulumi account still holds ${object.mail}. Free the address in Pulumi (or change the user's mail) first.`;
  }
  return null;
}

/** The group's direct user members (in scope with it), five a request; an empty group is one request. */
function memberChunks(db: Database.Database, groupId: string): string[][] {
  const members = db
    .prepare(
      `SELECT m.member_id FROM entra_group_members m JOIN entra_users u ON u.id = m.member_id
        WHERE m.group_id = ? AND m.member_type = 'user' ORDER BY m.member_id`,
    )
    .pluck()
    .all(groupId) as string[];
  const chunks: string[][] = [];
  for (let i = 0; i < members.length; i += membersPerRequest)
    chunks.push(members.slice(i, i + membersPerRequest));
  return chunks.length ? chunks : [[]];
}
