import type Database from 'better-sqlite3';

import { kindGroupOf } from '../../../shared/finding-kinds';
import type { ComparedValue, FindingRow } from '../../../shared/contract';

type Values = Record<string, string | number | null>;

/** What each side calls an attribute a person compares, and whether case matters to the service. */
const userAttributes = [
  { attribute: 'User name (UPN)', entra: 'upn', pulumi: 'userName', caseless: true },
  { attribute: 'E-mail', entra: 'mail', pulumi: 'email', caseless: true },
  { attribute: 'Display name', entra: 'displayName', pulumi: 'displayName', caseless: false },
  { attribute: 'Given name', entra: 'givenName', pulumi: 'givenName', caseless: false },
  { attribute: 'Family name', entra: 'surname', pulumi: 'familyName', caseless: false },
  { attribute: 'Active', entra: 'enabled', pulumi: 'active', caseless: false },
] as const;

const teamAttributes = [
  { attribute: 'Name', entra: 'displayName', pulumi: 'displayName', caseless: false },
  { attribute: 'Direct members', entra: 'members', pulumi: 'members', caseless: false },
] as const;

function text(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function compare(
  attributes: readonly { attribute: string; entra: string; pulumi: string; caseless: boolean }[],
  entra: Values | undefined,
  pulumi: Values | undefined,
): ComparedValue[] {
  return attributes.map(({ attribute, entra: e, pulumi: p, caseless }) => {
    const left = text(entra?.[e]);
    const right = text(pulumi?.[p]);
    const same = caseless ? left?.toLowerCase() === right?.toLowerCase() : left === right;
    // An object one side lacks is the finding itself, not a difference of each attribute.
    return { attribute, entra: left, pulumi: right, differs: Boolean(entra && pulumi) && !same };
  });
}

/** The Pulumi id of an Entra object: the finding's own, or the link learnt from the log or by matching. */
function linkedScimId(
  db: Database.Database,
  type: 'user' | 'group',
  finding: FindingRow,
): string | undefined {
  if (finding.scimId) return finding.scimId;
  if (!finding.entraId) return undefined;
  const row = db
    .prepare('SELECT scim_id AS id FROM identity_links WHERE object_type = ? AND entra_id = ?')
    .get(type, finding.entraId) as { id: string } | undefined;
  return row?.id;
}

/**
 * The user or team a finding concerns, as Entra and Pulumi hold it now, attribute by attribute, with
 * the values that differ marked. Empty for findings about the job, configuration or connection.
 */
export function compareObjects(db: Database.Database, finding: FindingRow): ComparedValue[] {
  const group = kindGroupOf(finding.kind);
  const isTeam = group === 'team';
  if (group !== 'user' && !isTeam && group !== 'provisioning') return [];
  if (!finding.entraId && !finding.scimId) return [];
  if (isTeam || finding.evidence['identityType'] === 'Group') {
    const scimId = linkedScimId(db, 'group', finding);
    const entra = db
      .prepare(
        `SELECT display_name AS displayName,
                (SELECT count(*) FROM entra_group_members WHERE group_id = g.id) AS members
           FROM entra_groups g WHERE id = ?`,
      )
      .get(finding.entraId ?? '') as Values | undefined;
    const pulumi = db
      .prepare(
        `SELECT display_name AS displayName,
                (SELECT count(*) FROM pulumi_group_members WHERE group_id = g.id) AS members
           FROM pulumi_groups g WHERE id = ?`,
      )
      .get(scimId ?? '') as Values | undefined;
    return entra || pulumi ? compare(teamAttributes, entra, pulumi) : [];
  }
  const scimId = linkedScimId(db, 'user', finding);
  const entra = db
    .prepare(
      `SELECT user_principal_name AS upn, mail, display_name AS displayName, given_name AS givenName,
              surname, CASE account_enabled WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS enabled
         FROM entra_users WHERE id = ?`,
    )
    .get(finding.entraId ?? '') as Values | undefined;
  const pulumi = db
    .prepare(
      `SELECT user_name AS userName, email, display_name AS displayName, given_name AS givenName,
              family_name AS familyName, CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active
         FROM pulumi_users WHERE id = ?`,
    )
    .get(scimId ?? '') as Values | undefined;
  return entra || pulumi ? compare(userAttributes, entra, pulumi) : [];
}
