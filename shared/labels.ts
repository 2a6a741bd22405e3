import type { ActionKind, ActionState, ResetScope } from './contract/actions';
import type { GroupMemberState } from './contract/lookup';
import type { JobState } from './contract/overview';
import type { ProvisioningStatus } from './contract/rows';
import type { StatRange } from './contract/stats';
import type { SpaceReturn } from './contract/store';
import type { FindingSeverity } from './contract/reconcile';
import type { SourceHealth } from './contract/status';
import type { FailureCause, FindingKind, FindingKindGroup } from './finding-kinds';

/** What each source health is called, wherever a person reads it (dashboard, CLI). */
export const sourceHealthLabels: Record<SourceHealth, string> = {
  ok: 'Healthy',
  degraded: 'Degraded',
  error: 'Failing',
  not_configured: 'Not configured',
  never_polled: 'Not polled yet',
};

/** What each provisioning outcome is called on the dashboard. */
export const provisioningStatusLabels: Record<ProvisioningStatus, string> = {
  success: 'Succeeded',
  failure: 'Failed',
  skipped: 'Skipped',
  warning: 'Warning',
};

/** Each failure cause in a few words (the chart's bars, the Failures page's groups). */
export const failureCauseLabels: Record<FailureCause, string> = {
  email_in_use: 'E-mail already in use',
  username_taken: 'User name taken',
  username_immutable: 'User name cannot change',
  unknown_attribute: 'Attribute Pulumi does not know',
  invalid_team_members: 'Invalid team members',
  team_name_too_long: 'Team name too long',
  user_delete_unsupported: 'User deletion not supported',
  missing_required_value: 'Required value missing',
  invalid_anchor: 'Object no longer matches',
  unauthorized: 'SCIM token refused',
  rate_limited: 'Rate limited',
  target_unavailable: 'Pulumi unavailable',
  unknown: 'Not recognised',
};

/** The job's state as the health banner says it. */
export const jobStateLabels: Record<JobState, string> = {
  active: 'Provisioning is running',
  near_quarantine: 'Provisioning is near quarantine',
  stalled: 'Provisioning has stalled',
  quarantined: 'Provisioning is quarantined',
  paused: 'Provisioning is paused',
  not_run: 'Provisioning has not started',
  unknown: 'Provisioning state unknown',
};

export const statRangeLabels: Record<StatRange, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  all: 'All stored history',
};

export const severityLabels: Record<FindingSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Information',
};

export const findingKindGroupLabels: Record<FindingKindGroup, string> = {
  user: 'Users',
  team: 'Teams',
  provisioning: 'Provisioning failures',
  job: 'Provisioning job',
  config: 'Configuration',
  connection: 'Connection',
};

/** Each finding kind in a few words (tables, filters, reports). */
export const findingKindLabels: Record<FindingKind, string> = {
  'user.missing_in_pulumi': 'User missing in Pulumi',
  'user.not_deprovisioned': 'User not deprovisioned',
  'user.inactive_in_pulumi': 'User inactive in Pulumi',
  'user.attribute_mismatch': 'Attribute differs',
  'user.username_diverged': 'User name diverged',
  'user.unmatched_in_pulumi': 'Pulumi user without Entra match',
  'user.missing_email': 'User without e-mail',
  'user.duplicate_email': 'E-mail shared by users',
  'user.email_in_use': 'E-mail used by another account',
  'team.missing_in_pulumi': 'Team missing in Pulumi',
  'team.not_deprovisioned': 'Team not removed',
  'team.name_mismatch': 'Team name differs',
  'team.member_missing': 'Team member missing',
  'team.member_extra': 'Extra team member',
  'team.name_too_long': 'Team name too long',
  'team.member_not_provisioned': 'Member not provisioned',
  'team.nested_members_ignored': 'Nested groups ignored',
  'team.name_collision': 'Team name collision',
  'provisioning.failure': 'Provisioning failed',
  'job.quarantined': 'Job quarantined',
  'job.not_running': 'Job not running',
  'job.stalled': 'Job stalled',
  'job.near_quarantine': 'Job near quarantine',
  'config.tenant_url': 'Tenant URL',
  'config.users_mapping_disabled': 'User mapping off',
  'config.username_source': 'User name source',
  'config.username_not_create_only': 'User name not create-only',
  'config.extra_user_attributes': 'Extra user attributes',
  'config.email_not_required': 'E-mail not required',
  'config.group_external_id_mapped': 'Group externalId mapped',
  'config.scope_all_users': 'Scope: all users',
  'config.user_delete_enabled': 'User deletion enabled',
  'config.groups_mapping_disabled': 'Group mapping off',
  'config.no_assignments': 'No assignments',
  'config.saml_not_configured': 'SAML SSO off',
  'config.single_pulumi_admin': 'Single Pulumi admin',
  'connection.pulumi_unauthorized': 'Pulumi token refused',
  'connection.graph_permission_missing': 'Graph permission missing',
  'connection.license_missing': 'Entra licence missing',
};

/** Graph's provisioningAction values, as the Failures page names them. */
export const provisioningActionLabels = {
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  disable: 'Disable',
  stagedDelete: 'Staged delete',
  other: 'Other',
} as const;

/** Graph's identity types in the provisioning log. */
export const identityTypeLabels = { User: 'User', Group: 'Group' } as const;

/** Each step of Pulumi's Entra guide as the checklist names it: what the setup should be. */
export const guideStepLabels: Record<Extract<FindingKind, `config.${string}`>, string> = {
  'config.tenant_url': 'Tenant URL is this organization’s SCIM endpoint',
  'config.users_mapping_disabled': 'User provisioning is on',
  'config.username_source': 'userName comes from userPrincipalName',
  'config.username_not_create_only': 'userName applies only on creation',
  'config.extra_user_attributes': 'Only the attributes Pulumi accepts are mapped',
  'config.email_not_required': 'The work e-mail is required',
  'config.group_external_id_mapped': 'Groups send no externalId',
  'config.scope_all_users': 'Scope: only assigned users and groups',
  'config.user_delete_enabled': 'Delete is not a user target action',
  'config.groups_mapping_disabled': 'Group provisioning is on',
  'config.no_assignments': 'Users or groups are assigned',
  'config.saml_not_configured': 'SAML SSO is set up in Pulumi',
  'config.single_pulumi_admin': 'More than one Pulumi admin',
};

/** What each state of a retry or job action is called (the queue, the audit trail, the CLI). */
export const actionStateLabels: Record<ActionState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  verifying: 'Verifying',
  verified_succeeded: 'Verified: succeeded',
  verified_failed: 'Verified: failed',
  unverified: 'Unverified',
  outcome_unknown: 'Outcome unknown',
  failed: 'Refused by Graph',
  cancelled: 'Cancelled',
  done: 'Done',
};

export const actionKindLabels: Record<ActionKind, string> = {
  retry: 'Retry',
  'job.start': 'Start job',
  'job.pause': 'Pause job',
  'job.restart': 'Restart job',
};

/** What each restart scope does, in the words the confirmation uses. */
export const resetScopeLabels: Record<ResetScope, string> = {
  Escrows: 'Clears escrows: failures waiting to be retried are dropped, and the service stops retrying them.',
  Watermark:
    'Clears the watermark: the next cycle re-evaluates every user and group, not only changes (slow in large tenants).',
  QuarantineState: 'Lifts the quarantine for now; the job is quarantined again if the errors return.',
  ForceDeletes:
    'Carries out deletions held back by accidental-deletion prevention (the threshold was exceeded). They cannot be undone.',
  Full: 'All of the above at once.',
};

/** What each job action does, for its confirmation. */
export const jobActionExplanations = {
  start:
    'Starts the provisioning job (and clears a quarantine): Entra resumes its cycles from where it stopped.',
  pause: 'Pauses the job: Entra stops provisioning until someone starts it again. Nothing is lost.',
  restart:
    'Restarts the job like the portal’s "Restart provisioning": quarantine lifted, everyone re-evaluated, failures retried. Choose reset scopes to narrow or widen it.',
} as const;

/** A group member against the team, as the Lookup page states it. */
export const groupMemberStateLabels: Record<GroupMemberState, string> = {
  in_team: 'In the team',
  missing: 'Missing from the team',
  not_provisioned: 'No Pulumi account (blocks the push)',
  inactive: 'Inactive Pulumi account (blocks the push)',
  extra: 'In the team, not the group',
  not_pushed: 'Not pushed (disabled, out of scope, or no team yet)',
};

/** How pruned history's space goes back to the disk, as Settings and `status` say it. */
export const spaceReturnLabels: Record<SpaceReturn, string> = {
  incremental: 'given back to the disk as history is pruned',
  pending: 'reused, not yet given back: the file is converted in the background',
  copying: 'reused, not yet given back: converting in the background',
  ready: 'reused, not yet given back: converted; the new file takes its place at the next start',
};

/** A size as people read it: 812 B, 4.2 KB, 1.3 GB (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
