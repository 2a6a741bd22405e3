/**
 * The one vocabulary of findings (ARCHITECTURE.md, "Reconciliation"): the reconciliation engine
 * produces them, the UI and CLI label them, reports and tests name them.
 */
export const findingKinds = [
  'user.missing_in_pulumi',
  'user.not_deprovisioned',
  'user.inactive_in_pulumi',
  'user.attribute_mismatch',
  'user.username_diverged',
  'user.unmatched_in_pulumi',
  'user.missing_email',
  'user.duplicate_email',
  'user.email_in_use',
  'team.missing_in_pulumi',
  'team.not_deprovisioned',
  'team.name_mismatch',
  'team.member_missing',
  'team.member_extra',
  'team.name_too_long',
  'team.member_not_provisioned',
  'team.nested_members_ignored',
  'team.name_collision',
  'provisioning.failure',
  'job.quarantined',
  'job.not_running',
  'job.stalled',
  'job.near_quarantine',
  'config.tenant_url',
  'config.users_mapping_disabled',
  'config.username_source',
  'config.username_not_create_only',
  'config.extra_user_attributes',
  'config.email_not_required',
  'config.group_external_id_mapped',
  'config.scope_all_users',
  'config.user_delete_enabled',
  'config.groups_mapping_disabled',
  'config.no_assignments',
  'config.saml_not_configured',
  'config.single_pulumi_admin',
  'connection.pulumi_unauthorized',
  'connection.graph_permission_missing',
  'connection.license_missing',
] as const;

export type FindingKind = (typeof findingKinds)[number];

/** The part of a kind before the dot: what the finding is about. */
export const findingKindGroups = ['user', 'team', 'provisioning', 'job', 'config', 'connection'] as const;
export type FindingKindGroup = (typeof findingKindGroups)[number];

export function kindGroupOf(kind: FindingKind): FindingKindGroup {
  return kind.slice(0, kind.indexOf('.')) as FindingKindGroup;
}

/** Why a provisioning attempt failed, classified from errorCode and the SCIM body in `reason`. */
export const failureCauses = [
  'email_in_use',
  'username_taken',
  'username_immutable',
  'unknown_attribute',
  'invalid_team_members',
  'team_name_too_long',
  'user_delete_unsupported',
  'missing_required_value',
  'invalid_anchor',
  'unauthorized',
  'rate_limited',
  'target_unavailable',
  'unknown',
] as const;

export type FailureCause = (typeof failureCauses)[number];
