import * as z from 'zod';

import { secretNames, settingKeys, type SecretName, type SettingKey } from './names';

import { insecureUrlReason } from '../net';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const domain = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const guidSetting = (what: string) =>
  z.string().trim().regex(guid, `${what} must be a GUID such as 00000000-0000-0000-0000-000000000000`);

const credentialUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const reason = insecureUrlReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

export const authMethods = ['secret', 'certificate', 'device-code', 'interactive'] as const;
export const logLevels = ['error', 'warn', 'info', 'debug'] as const;

/** Every non-secret setting of a profile, with the validation applied wherever it is set. */
export const settingsShape = {
  tenantId: z
    .string()
    .trim()
    .refine(
      (v) => guid.test(v) || domain.test(v),
      'tenant must be a GUID or a domain such as contoso.onmicrosoft.com',
    ),
  clientId: guidSetting('client id'),
  authMethod: z.enum(authMethods),
  clientCertPath: z.string().trim().min(1).max(4096),
  servicePrincipalId: guidSetting('service principal id'),
  provisioningAppId: guidSetting('provisioning app id'),
  jobId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'job id holds letters, digits, dots, dashes and underscores'),
  graphUrl: credentialUrl,
  authorityHost: credentialUrl,
  pulumiOrg: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
      'organization name holds letters, digits, dots, dashes and underscores',
    ),
  pulumiApiUrl: credentialUrl,
  pulumiSelfHosted: z.boolean(),
  caFile: z.string().trim().min(1).max(4096),
  logLevel: z.enum(logLevels),
  /** $top for provisioning-log pages; unset sends none (Graph documents neither default nor maximum). */
  logsPageSize: z.coerce
    .number()
    .int()
    .min(1, 'page size is at least 1')
    .max(1000, 'page size is at most 1000'),
  /** How far before the watermark each log read starts again: entries land late. */
  logsOverlapMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60, 'overlap is at most a day (1440 minutes)'),
  /** How many days of provisioning logs the first run reads (Graph keeps 30). */
  backfillDays: z.coerce
    .number()
    .int()
    .min(1, 'backfill is at least 1 day')
    .max(30, 'Graph keeps 30 days at most'),
  /** Seconds between polls of the provisioning logs, the directory and Pulumi. */
  pollIntervalSeconds: z.coerce.number().int().min(10, 'poll at most every 10 seconds').max(86_400),
  /** Seconds between reads of the provisioning job's status (quarantine shows up within this). */
  jobPollSeconds: z.coerce.number().int().min(10, 'poll at most every 10 seconds').max(86_400),
  /** Seconds between reads of the job's schema and settings (also read on every "refresh now"). */
  configurationPollSeconds: z.coerce
    .number()
    .int()
    .min(60, 'read it at most every minute')
    .max(7 * 86_400),
  /** Where a report is written each day (unset: no daily report). */
  dailyReportFolder: z.string().trim().min(1).max(4096),
  dailyReportFormat: z.enum(['csv', 'json', 'html', 'pdf']),
  /** The UTC hour from which the day's report is written, after the first reconciliation then. */
  dailyReportHour: z.coerce.number().int().min(0).max(23),
  /** Days of history kept (the log, its rollups, job status changes); older is pruned hourly. */
  retentionDays: z.coerce
    .number()
    .int()
    .min(31, 'keep at least 31 days: Graph itself keeps 30')
    .max(3650, 'keep at most 10 years'),
} as const satisfies Record<SettingKey, z.ZodType>;

export type Settings = { [K in SettingKey]: z.infer<(typeof settingsShape)[K]> };
export { settingKeys, type SettingKey };

/** Defaults apply only where neither the environment nor saved settings give a value. */
export const settingDefaults: Partial<Settings> = {
  authMethod: 'secret',
  graphUrl: 'https://graph.microsoft.com',
  authorityHost: 'https://login.microsoftonline.com',
  pulumiApiUrl: 'https://api.pulumi.com',
  pulumiSelfHosted: false,
  logLevel: 'info',
  logsOverlapMinutes: 20,
  backfillDays: 30,
  pollIntervalSeconds: 300,
  jobPollSeconds: 60,
  configurationPollSeconds: 3600,
  dailyReportFormat: 'pdf',
  dailyReportHour: 6,
  retentionDays: 400,
};

export { secretNames, type SecretName };

export type SettingSource = 'environment' | 'saved' | 'default';

export interface SettingValue<K extends SettingKey = SettingKey> {
  value: Settings[K] | null;
  source: SettingSource | null;
}

export interface SecretState {
  set: boolean;
  source: 'environment' | 'saved' | null;
}

export interface SettingsView {
  profile: string;
  values: { [K in SettingKey]: SettingValue<K> };
  secrets: Record<SecretName, SecretState>;
  /** Where saved secrets live on this host, e.g. "operating system keychain" or "secrets.json (0600)". */
  secretStorage: string;
}

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const settingsUpdateSchema = z.strictObject({
  values: z
    .strictObject(
      Object.fromEntries(settingKeys.map((key) => [key, nullable(settingsShape[key])])) as {
        [K in SettingKey]: z.ZodOptional<z.ZodNullable<(typeof settingsShape)[K]>>;
      },
    )
    .optional(),
  secrets: z
    .strictObject(
      Object.fromEntries(secretNames.map((name) => [name, nullable(z.string().min(1).max(16384))])) as {
        [K in SecretName]: z.ZodOptional<z.ZodNullable<z.ZodString>>;
      },
    )
    .optional(),
});
