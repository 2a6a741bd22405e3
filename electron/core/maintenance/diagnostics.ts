import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { AppStatus, SettingsView, StoreInfo } from '../../../shared/contract';
import { settingKeys, type SettingKey } from '../../../shared/contract/names';

/** What a support bundle is made of; each part is read through the contract or from the log folder. */
export interface DiagnosticsInput {
  version: string;
  status: AppStatus;
  settings: SettingsView;
  store: StoreInfo;
  logFolder: string;
  /** Replaces every secret value the host knows. */
  redactSecrets: (text: string) => string;
  now: Date;
}

/** Settings that name the tenant, the app or the organization: present or not, never their value. */
const identifying = new Set<SettingKey>([
  'tenantId',
  'clientId',
  'servicePrincipalId',
  'provisioningAppId',
  'jobId',
  'pulumiOrg',
]);

/** Log lines kept: the newest, across the current and rotated files. */
const logLinesKept = 5_000;

const guid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/**
 * A support ticket's copy of a text: secrets, addresses and object ids replaced, the home folder
 * shortened. Ids become "<id>": what matters for support is where they occur, not which they are.
 */
export function redactForSupport(text: string, redactSecrets: (text: string) => string): string {
  const home = homedir();
  const shortened = home.length > 1 ? text.split(home).join('~') : text;
  return redactSecrets(shortened).replace(email, '<email>').replace(guid, '<id>');
}

function settingsWithSources(view: SettingsView): Record<string, unknown> {
  return {
    profile: view.profile,
    values: Object.fromEntries(
      settingKeys.map((key) => {
        const { value, source } = view.values[key];
        const shown = value === null ? null : identifying.has(key) ? '<set, not shown>' : value;
        return [key, { value: shown, source }];
      }),
    ),
    secrets: view.secrets,
    secretStorage: view.secretStorage,
  };
}

function recentLogLines(folder: string): string {
  if (!existsSync(folder)) return '';
  // Rotated files are scimwatch.1.log (newer) … scimwatch.N.log (older); the current file is newest.
  const files = readdirSync(folder)
    .filter((name) => /^scimwatch(\.\d+)?\.log$/.test(name))
    .sort((a, b) => rank(b) - rank(a));
  const lines = files.flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n').filter(Boolean));
  return lines.slice(-logLinesKept).join('\n');
}

function rank(name: string): number {
  const match = /\.(\d+)\.log$/.exec(name);
  return match ? Number(match[1]) : 0;
}

/** The bundle's files by name: JSON for what machines read, the log as it was written. */
export function diagnosticFiles(input: DiagnosticsInput): Record<string, string> {
  const redact = (text: string) => redactForSupport(text, input.redactSecrets);
  const json = (value: unknown) => redact(JSON.stringify(value, null, 2));
  return {
    'README.txt': [
      `ScimWatch ${input.version} support bundle, written ${input.now.toISOString()}.`,
      'Secrets are never included; e-mail addresses and object ids are replaced by <email> and <id>;',
      'the tenant, app and organization settings say only that they are set.',
      '',
      'about.json      versions of ScimWatch, Node, SQLite and the platform',
      'settings.json   each setting with where it came from (environment, saved, default)',
      'status.json     sources, collectors and the database, as `scimwatch status --json` shows them',
      'database.json   migration history, integrity, size, SQLite settings and rows per table',
      'logs/recent.log the newest log lines',
    ].join('\n'),
    'about.json': json({
      scimwatch: input.version,
      node: process.versions.node,
      sqlite: input.store.sqliteVersion,
      platform: `${process.platform} ${process.arch}`,
      generatedAt: input.now.toISOString(),
    }),
    'settings.json': json(settingsWithSources(input.settings)),
    'status.json': json(input.status),
    'database.json': json(input.store),
    'logs/recent.log': redact(recentLogLines(input.logFolder)),
  };
}
