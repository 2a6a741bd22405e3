import type * as z from 'zod';

import {
  profileNameSchema,
  ScimWatchError,
  settingsShape,
  type SettingKey,
  type Settings,
} from '../../../shared/contract';

/** The environment variable behind each non-secret setting. Secrets: see secrets/env-secret-store.ts. */
export const settingEnvVars: Record<SettingKey, string> = {
  tenantId: 'SCIMWATCH_TENANT_ID',
  clientId: 'SCIMWATCH_CLIENT_ID',
  authMethod: 'SCIMWATCH_AUTH',
  clientCertPath: 'SCIMWATCH_CLIENT_CERT_PATH',
  servicePrincipalId: 'SCIMWATCH_SERVICE_PRINCIPAL_ID',
  provisioningAppId: 'SCIMWATCH_PROVISIONING_APP_ID',
  jobId: 'SCIMWATCH_JOB_ID',
  graphUrl: 'SCIMWATCH_GRAPH_URL',
  authorityHost: 'SCIMWATCH_AUTHORITY_HOST',
  pulumiOrg: 'SCIMWATCH_PULUMI_ORG',
  pulumiApiUrl: 'SCIMWATCH_PULUMI_API_URL',
  pulumiSelfHosted: 'SCIMWATCH_PULUMI_SELF_HOSTED',
  caFile: 'SCIMWATCH_CA_FILE',
  logLevel: 'SCIMWATCH_LOG_LEVEL',
  logsPageSize: 'SCIMWATCH_LOGS_PAGE_SIZE',
  logsOverlapMinutes: 'SCIMWATCH_LOGS_OVERLAP_MINUTES',
  backfillDays: 'SCIMWATCH_BACKFILL_DAYS',
  pollIntervalSeconds: 'SCIMWATCH_POLL_INTERVAL_SECONDS',
  jobPollSeconds: 'SCIMWATCH_JOB_POLL_SECONDS',
  configurationPollSeconds: 'SCIMWATCH_CONFIGURATION_POLL_SECONDS',
  dailyReportFolder: 'SCIMWATCH_DAILY_REPORT_FOLDER',
  dailyReportFormat: 'SCIMWATCH_DAILY_REPORT_FORMAT',
  dailyReportHour: 'SCIMWATCH_DAILY_REPORT_HOUR',
  retentionDays: 'SCIMWATCH_RETENTION_DAYS',
};

const booleanWords: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};

/** What the environment says, already validated. */
export interface EnvironmentConfig {
  profile: string | undefined;
  dataDir: string | undefined;
  databasePath: string | undefined;
  settings: Partial<Settings>;
}

function invalid(variable: string, reason: string): ScimWatchError {
  return new ScimWatchError(
    'invalid_input',
    `${variable} is invalid: ${reason}`,
    `Fix or unset ${variable}.`,
  );
}

function parseSetting<K extends SettingKey>(key: K, raw: string): Settings[K] {
  const variable = settingEnvVars[key];
  let value: unknown = raw;
  if (key === 'pulumiSelfHosted') {
    value = booleanWords[raw.trim().toLowerCase()];
    if (value === undefined) throw invalid(variable, 'expected true or false');
  }
  const result = (settingsShape[key] as unknown as z.ZodType<Settings[K]>).safeParse(value);
  if (!result.success) throw invalid(variable, result.error.issues[0]?.message ?? 'invalid value');
  return result.data;
}

/** Reads every SCIMWATCH_* variable; the first invalid one is reported by name. Empty means unset. */
export function readEnvironment(env: NodeJS.ProcessEnv): EnvironmentConfig {
  const settings: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, variable] of Object.entries(settingEnvVars) as [SettingKey, string][]) {
    const raw = env[variable];
    if (raw !== undefined && raw !== '') settings[key] = parseSetting(key, raw);
  }
  const profile = env.SCIMWATCH_PROFILE || undefined;
  if (profile !== undefined) {
    const parsed = profileNameSchema.safeParse(profile);
    if (!parsed.success)
      throw invalid('SCIMWATCH_PROFILE', parsed.error.issues[0]?.message ?? 'invalid name');
  }
  return {
    profile,
    dataDir: env.SCIMWATCH_DATA_DIR || undefined,
    databasePath: env.SCIMWATCH_DB || undefined,
    settings: settings as Partial<Settings>,
  };
}
