/**
 * The contract's names, without its schemas: the renderer needs the names to build its client and
 * its forms, and must not ship zod for them. The schemas (requests.ts, events.ts, settings.ts) are
 * typed against these lists, so a name added in one place and not the other does not compile.
 */
export const methodNames = [
  'app.status',
  'settings.get',
  'settings.update',
  'profiles.list',
  'profiles.select',
  'profiles.create',
  'provisioningEvents.list',
  'provisioningEvents.get',
  'findings.list',
  'findings.get',
  'overview.get',
  'stats.outcomes',
  'stats.failureCauses',
  'stats.findingsTrend',
  'connection.test',
  'sync.run',
  'reconcile.run',
  'reconcile.get',
  'reconcile.record',
  'retry.run',
  'retry.control',
  'retry.resend',
  'retry.status',
  'job.run',
  'actions.list',
  'actions.get',
  'lookup.find',
  'lookup.explain',
  'lookup.group',
  'lookup.nested',
  'report.create',
  'report.list',
  'store.check',
  'store.info',
  'report.preview',
] as const;
export type MethodName = (typeof methodNames)[number];

export const eventNames = [
  'status.changed',
  'sync.progress',
  'provisioningEvents.ingested',
  'findings.changed',
  'retry.updated',
  'actions.changed',
  'report.progress',
  'auth.prompt',
] as const;
export type EventName = (typeof eventNames)[number];

export const settingKeys = [
  'tenantId',
  'clientId',
  'authMethod',
  'clientCertPath',
  'servicePrincipalId',
  'provisioningAppId',
  'jobId',
  'graphUrl',
  'authorityHost',
  'pulumiOrg',
  'pulumiApiUrl',
  'pulumiSelfHosted',
  'caFile',
  'logLevel',
  'logsPageSize',
  'logsOverlapMinutes',
  'backfillDays',
  'pollIntervalSeconds',
  'jobPollSeconds',
  'configurationPollSeconds',
  'dailyReportFolder',
  'dailyReportFormat',
  'dailyReportHour',
  'retentionDays',
] as const;
export type SettingKey = (typeof settingKeys)[number];

/** Secrets are write-only across the contract: they can be set or cleared, never read back. */
export const secretNames = [
  'clientSecret',
  'clientCertPassword',
  'pulumiScimToken',
  'pulumiAccessToken',
] as const;
export type SecretName = (typeof secretNames)[number];
