import type Database from 'better-sqlite3';

import type { FindingRecord } from '../../../shared/contract';
import type {
  AssignmentPath,
  LookupMatch,
  PersonExplanation,
  PersonVerdict,
  TimelineEntry,
} from '../../../shared/contract/lookup';
import type { FailureCause } from '../../../shared/finding-kinds';
import { failureCauseLabels } from '../../../shared/labels';
import { readLiveSchema } from '../reconcile/live-schema';
import { latestSecrets, latestSnapshot } from '../store/configuration-snapshots-repo';
import { membershipNames, readFindings, readTimeline } from './lookup-reads';
import { storedNestedPath } from './nested-path';

interface EntraUser {
  id: string;
  userPrincipalName: string | null;
  mail: string | null;
  displayName: string | null;
  accountEnabled: number | null;
  userType: string | null;
}

interface PulumiUser {
  id: string;
  userName: string;
  email: string | null;
  active: number;
  displayName: string | null;
  linkedBy: string | null;
}

/** Open findings that decide the verdict, most telling first (a removal owed outranks a failure). */
const findingVerdicts: [
  string,
  Exclude<PersonVerdict, 'nested_only' | 'out_of_scope' | 'unmatched' | 'not_found'>,
][] = [
  ['user.not_deprovisioned', 'not_deprovisioned'],
  ['user.missing_email', 'missing_email'],
  ['user.duplicate_email', 'duplicate_email'],
  ['user.email_in_use', 'failed'],
  ['provisioning.failure', 'failed'],
  ['user.username_diverged', 'username_changed'],
  ['user.inactive_in_pulumi', 'inactive_in_pulumi'],
];

/**
 * Why one person is (or is not) in Pulumi, read from the store: the verdict first, then the evidence it
 * rests on — Entra's record, the path into scope, Pulumi's record and link, teams on both sides, every
 * stored log entry and the findings. Exported pieces are pure reads; nothing here calls Graph.
 */
export function explainPerson(db: Database.Database, subject: LookupMatch): PersonExplanation {
  const entra = subject.entraId ? readEntraUser(db, subject.entraId) : undefined;
  const pulumi = readPulumiUser(db, entra?.id ?? null, subject.scimId, entra?.userPrincipalName ?? null);
  const assignment = entra ? assignmentPath(db, entra.id) : null;
  const timeline = entra ? readTimeline(db, entra.id) : [];
  const findings = readFindings(db, entra?.id ?? null, pulumi?.id ?? null);
  const verdict = decide({ entra, pulumi, assignment, timeline, findings });
  return {
    verdict,
    subject,
    evidence: {
      entra: entra
        ? {
            accountEnabled: entra.accountEnabled === null ? null : entra.accountEnabled === 1,
            userPrincipalName: entra.userPrincipalName,
            mail: entra.mail,
            userType: entra.userType,
          }
        : null,
      assignment,
      pulumi: pulumi ? { ...pulumi, active: pulumi.active === 1 } : null,
      teams: {
        entraGroups: entra ? membershipNames(db, 'entra', entra.id) : [],
        pulumiTeams: pulumi ? membershipNames(db, 'pulumi', pulumi.id) : [],
      },
      timeline,
      readFromGraph: entra ? (storedNestedPath(db, entra.id)?.readFromGraph ?? []) : [],
    },
    findings,
  };
}

interface Facts {
  entra: EntraUser | undefined;
  pulumi: PulumiUser | undefined;
  assignment: AssignmentPath | null;
  timeline: TimelineEntry[];
  findings: FindingRecord[];
}

function decide({ entra, pulumi, assignment, timeline, findings }: Facts): PersonExplanation['verdict'] {
  const name = entra?.displayName ?? entra?.userPrincipalName ?? pulumi?.userName ?? 'This person';
  if (!entra && !pulumi) return { code: 'not_found', sentence: 'No such person in Entra or in Pulumi.' };
  if (!entra)
    return {
      code: 'unmatched',
      sentence: `${name} has a Pulumi account that no Entra person is linked or matched to.`,
    };
  const open = findings.filter((f) => !f.resolvedAt);
  for (const [kind, code] of findingVerdicts) {
    const finding = open.find((f) => f.kind === kind);
    if (!finding) continue;
    if (code === 'failed')
      return failedVerdict(
        name,
        finding.cause ??
          timeline.find((e) => e.status === 'failure')?.cause ??
          (kind === 'user.email_in_use' ? 'email_in_use' : null),
        timeline,
      );
    return { code, sentence: sentences[code](name) };
  }
  const inScope = assignment && (assignment.syncAll || assignment.direct || assignment.viaGroups.length > 0);
  if (!inScope) {
    if (pulumi)
      return {
        code: 'out_of_scope',
        sentence: pulumi.active
          ? `${name} is outside the app's scope, and the app skips out-of-scope deletions, so their Pulumi account stays active.`
          : `${name} is outside the app's scope, so Entra deactivated their Pulumi account, as it does for anyone who leaves scope.`,
      };
    if (assignment?.nestedVia.length)
      return {
        code: 'nested_only',
        sentence: `${name} is only in ${assignment.nestedVia[0]?.displayName ?? 'an assigned group'} through a nested group, which Entra does not expand: assign ${assignment.nestedVia[0]?.through ?? 'the nested group'} to the app, or add ${name} to ${assignment.nestedVia[0]?.displayName ?? 'the group'} directly.`,
      };
    return { code: 'not_assigned', sentence: sentences.not_assigned(name) };
  }
  if (assignment?.scopingFilter && !pulumi)
    return { code: 'scope_unknown', sentence: sentences.scope_unknown(name) };
  if (!pulumi) {
    const failures = timeline.filter((e) => e.status === 'failure');
    if (failures.length) return failedVerdict(name, failures[0]?.cause ?? null, timeline);
    return { code: 'not_yet_provisioned', sentence: sentences.not_yet_provisioned(name) };
  }
  return { code: 'in_sync', sentence: sentences.in_sync(name) };
}

/** A failing object's verdict: the cause, how often and since when, from its stored log entries. */
export function failedVerdict(name: string, cause: FailureCause | null, timeline: TimelineEntry[]) {
  const failures = timeline.filter((e) => e.status === 'failure');
  const since = failures.at(-1)?.activityDateTime;
  return {
    code: 'failed' as const,
    sentence: `Entra fails to provision ${name}: ${cause ? failureCauseLabels[cause] : 'cause unknown'}${failures.length ? `, ${failures.length} time(s) since ${since}` : ''}.`,
    ...(cause ? { cause } : {}),
    ...(since ? { since } : {}),
    failures: failures.length,
  };
}

const sentences: Record<
  Exclude<PersonVerdict, 'failed' | 'nested_only' | 'out_of_scope' | 'unmatched' | 'not_found'>,
  (n: string) => string
> = {
  in_sync: (n) => `${n} is in Pulumi as Entra intends, and nothing about them is open.`,
  not_assigned: (n) =>
    `${n} is not assigned to the Pulumi app, directly or through an assigned group, so Entra never provisions them.`,
  scope_unknown: (n) =>
    `${n} is assigned, but a scoping filter decides whether Entra provisions them, and ScimWatch does not evaluate filters.`,
  missing_email: (n) => `${n} has no mail in Entra, and Pulumi requires an email: set the mail attribute.`,
  duplicate_email: (n) => `${n} shares an email with another Entra person; Pulumi needs each email once.`,
  username_changed: (n) =>
    `${n}'s UPN changed in Entra, but Pulumi never changes a userName: the accounts no longer match by name.`,
  inactive_in_pulumi: (n) => `${n} should be active in Pulumi, but the account there is inactive.`,
  not_deprovisioned: (n) => `${n} is disabled or removed in Entra, yet still active in Pulumi.`,
  not_yet_provisioned: (n) =>
    `${n} is in scope, but no provisioning cycle has reached them yet (no log entry, no Pulumi account).`,
};

function readEntraUser(db: Database.Database, id: string): EntraUser | undefined {
  return db
    .prepare(
      `SELECT id, user_principal_name AS userPrincipalName, mail, display_name AS displayName,
              account_enabled AS accountEnabled, user_type AS userType
         FROM entra_users WHERE id = ?`,
    )
    .get(id) as EntraUser | undefined;
}

/** Pulumi's record: by the learned link, else by the SCIM id given, else by userName = UPN. */
function readPulumiUser(
  db: Database.Database,
  entraId: string | null,
  scimId: string | null,
  upn: string | null,
): PulumiUser | undefined {
  const columns = `p.id, p.user_name AS userName, p.email, p.active, p.display_name AS displayName`;
  // Three indexed reads in order, not one OR across the join (which scans every account).
  const linked = db
    .prepare(
      `SELECT ${columns}, l.learned_from AS linkedBy FROM identity_links l JOIN pulumi_users p ON p.id = l.scim_id
        WHERE l.object_type = 'user' AND l.entra_id = ?`,
    )
    .get(entraId) as PulumiUser | undefined;
  if (linked) return linked;
  const unlinked = db.prepare(
    `SELECT ${columns}, (SELECT learned_from FROM identity_links l WHERE l.scim_id = p.id) AS linkedBy
       FROM pulumi_users p WHERE p.id = @scimId OR lower(p.user_name) = lower(@upn)
      ORDER BY p.id = @scimId DESC LIMIT 1`,
  );
  return unlinked.get({ scimId, upn }) as PulumiUser | undefined;
}

/** How the person reaches scope: SyncAll, a direct assignment, or an assigned group they belong to. */
export function assignmentPath(db: Database.Database, entraId: string): AssignmentPath {
  const secrets = latestSecrets(db);
  const body = latestSnapshot(db, 'schema_snapshots')?.body;
  const schema = readLiveSchema(body ? (JSON.parse(body) as never) : null);
  const direct =
    db.prepare(`SELECT 1 FROM entra_assignments WHERE principal_id = ?`).get(entraId) !== undefined;
  const viaGroups = db
    .prepare(
      `SELECT g.id, g.display_name AS displayName FROM entra_group_members m
         JOIN entra_assignments a ON a.principal_id = m.group_id AND a.principal_type = 'Group'
         LEFT JOIN entra_groups g ON g.id = m.group_id
        WHERE m.member_id = ?`,
    )
    .all(entraId) as { id: string; displayName: string | null }[];
  const nested = storedNestedPath(db, entraId);
  return {
    syncAll: secrets.get('SyncAll')?.toLowerCase() === 'true',
    direct,
    viaGroups,
    nestedVia: nested?.nestedVia ?? [],
    nestedChecked: nested !== null,
    scopingFilter: Boolean(schema?.users?.scopingFilter),
  };
}
