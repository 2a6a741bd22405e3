import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { profileNameSchema, type SettingKey } from '../../../shared/contract';
import { resolveDataDir } from '../config/data-dir';
import { readEnvironment, type EnvironmentConfig } from '../config/environment';

/** The demo world lives in a profile of its own, so its data never mixes with real history. */
export const demoProfile = 'demo';
/** The live profile used when the environment configures a tenant without naming a profile. */
export const defaultLiveProfile = 'default';

const databaseSuffix = '.sqlite';

/** Where a running demo world's CA file goes for the run. */
export function demoFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolveDataDir(env), 'demo');
}

/** True when this run would use the demo profile (nothing live configured, or --demo). */
export function runsDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  return resolveActiveProfile(resolveDataDir(env), readEnvironment(env)).name === demoProfile;
}

export function profilesDir(dataDir: string): string {
  return join(dataDir, 'profiles');
}

/** One database file per profile; SCIMWATCH_DB overrides it for the active profile only. */
export function profileDatabasePath(dataDir: string, profile: string, override?: string): string {
  return override ?? join(profilesDir(dataDir), `${profile}${databaseSuffix}`);
}

/** Profiles that exist on disk, plus demo, which always exists. */
export function listProfileNames(dataDir: string): string[] {
  const dir = profilesDir(dataDir);
  const onDisk = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(databaseSuffix))
        .map((f) => f.slice(0, -databaseSuffix.length))
        .filter((name) => profileNameSchema.safeParse(name).success)
    : [];
  return [...new Set([demoProfile, ...onDisk])].sort((a, b) =>
    a === demoProfile ? -1 : b === demoProfile ? 1 : a.localeCompare(b),
  );
}

interface UiState {
  selectedProfile?: string;
}

function statePath(dataDir: string): string {
  return join(dataDir, 'state.json');
}

function readState(dataDir: string): UiState {
  try {
    return JSON.parse(readFileSync(statePath(dataDir), 'utf8')) as UiState;
  } catch {
    return {};
  }
}

/** Remembers the profile picked in the UI for the next start. */
export function saveSelectedProfile(dataDir: string, profile: string): void {
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${statePath(dataDir)}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ ...readState(dataDir), selectedProfile: profile }, null, 2));
  renameSync(temporary, statePath(dataDir));
}

export interface ActiveProfile {
  name: string;
  /** The variable that pins it, when the environment chose it. */
  pinnedBy: string | null;
}

/** Settings that tune how ScimWatch runs rather than say which tenant it watches. */
const behaviourSettings = new Set<SettingKey>([
  'logLevel',
  'caFile',
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
]);

/**
 * Precedence: SCIMWATCH_PROFILE, then the profile last picked in the UI, then "default" when the
 * environment configures a tenant, and demo when nothing is configured at all.
 */
export function resolveActiveProfile(dataDir: string, environment: EnvironmentConfig): ActiveProfile {
  if (environment.profile) return { name: environment.profile, pinnedBy: 'SCIMWATCH_PROFILE' };
  const selected = readState(dataDir).selectedProfile;
  if (selected && profileNameSchema.safeParse(selected).success) return { name: selected, pinnedBy: null };
  const configuresLiveTenant = Object.keys(environment.settings).some(
    (k) => !behaviourSettings.has(k as SettingKey),
  );
  return { name: configuresLiveTenant ? defaultLiveProfile : demoProfile, pinnedBy: null };
}
