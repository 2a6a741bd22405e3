import type { JobState } from './contract/overview';
import type { ProvisioningStatus } from './contract/rows';
import type { StatRange } from './contract/stats';
import type { SourceHealth } from './contract/status';
import type { FailureCause } from './finding-kinds';

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
