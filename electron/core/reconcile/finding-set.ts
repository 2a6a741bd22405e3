import type { Finding, FindingSeverity } from '../../../shared/contract';
import type { FailureCause, FindingKind } from '../../../shared/finding-kinds';
import { fixIdFor } from '../../../shared/fixes';

/** How much each kind matters unless a rule says otherwise (transient failures, self-hosted limits). */
const defaultSeverity: Record<FindingKind, FindingSeverity> = {
  'user.missing_in_pulumi': 'error',
  'user.not_deprovisioned': 'error',
  'user.inactive_in_pulumi': 'warning',
  'user.attribute_mismatch': 'warning',
  'user.username_diverged': 'info',
  'user.unmatched_in_pulumi': 'warning',
  'user.missing_email': 'error',
  'user.duplicate_email': 'error',
  'user.email_in_use': 'error',
  'team.missing_in_pulumi': 'error',
  'team.not_deprovisioned': 'warning',
  'team.name_mismatch': 'warning',
  'team.member_missing': 'warning',
  'team.member_extra': 'warning',
  'team.name_too_long': 'error',
  'team.member_not_provisioned': 'error',
  'team.nested_members_ignored': 'info',
  'team.name_collision': 'warning',
  'provisioning.failure': 'error',
  'job.quarantined': 'error',
  'job.not_running': 'error',
  'job.stalled': 'error',
  'job.near_quarantine': 'warning',
  'config.tenant_url': 'error',
  'config.users_mapping_disabled': 'error',
  'config.username_source': 'warning',
  'config.username_not_create_only': 'error',
  'config.extra_user_attributes': 'error',
  'config.email_not_required': 'warning',
  'config.group_external_id_mapped': 'warning',
  'config.scope_all_users': 'warning',
  'config.user_delete_enabled': 'warning',
  'config.groups_mapping_disabled': 'info',
  'config.no_assignments': 'error',
  'config.saml_not_configured': 'error',
  'config.single_pulumi_admin': 'warning',
  'connection.pulumi_unauthorized': 'error',
  'connection.graph_permission_missing': 'error',
  'connection.license_missing': 'error',
};

/** What a finding is about: its ids make its key, so the same problem keeps one key across runs. */
export interface FindingSubject {
  entraId?: string | undefined;
  scimId?: string | undefined;
  /** The attribute, member or source the finding is about, when one object can have several. */
  part?: string | undefined;
  displayName: string;
}

/**
 * kind | Entra id (or, for a SCIM object Entra does not know, its SCIM id) | part. The SCIM id is left
 * out whenever there is an Entra id: it appears once Entra provisions the object, and the key must not
 * change when it does.
 */
export function findingKey(kind: FindingKind, subject: Omit<FindingSubject, 'displayName'> = {}): string {
  return [kind, subject.entraId ?? subject.scimId, subject.part].filter(Boolean).join('|');
}

/** The findings of one run, by key (adding the same key twice keeps the first). */
export class FindingSet {
  private readonly byKey = new Map<string, Finding>();

  add(
    kind: FindingKind,
    subject: FindingSubject,
    evidence: Record<string, unknown>,
    /** `fixId` picks a fix other than the kind's, for a case of the kind that needs other steps. */
    options: { severity?: FindingSeverity; cause?: FailureCause; fixId?: string } = {},
  ): Finding {
    const key = findingKey(kind, subject);
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const finding: Finding = {
      key,
      kind,
      severity: options.severity ?? defaultSeverity[kind],
      displayName: subject.displayName,
      evidence,
      fixId: options.fixId ?? fixIdFor(kind, options.cause),
      ...(options.cause ? { cause: options.cause } : {}),
      ...(subject.entraId ? { entraId: subject.entraId } : {}),
      ...(subject.scimId ? { scimId: subject.scimId } : {}),
    };
    this.byKey.set(key, finding);
    return finding;
  }

  get(key: string): Finding | undefined {
    return this.byKey.get(key);
  }

  all(): Finding[] {
    return [...this.byKey.values()];
  }
}
