import { existsSync } from 'node:fs';

import type { ProfileSummary } from '../../../shared/contract';
import { missingSettings } from '../config/completeness';
import { effectiveSettings, settingValues } from '../config/effective-settings';
import { demoProfile, listProfileNames, profileDatabasePath } from '../profiles/profile-registry';
import { openReadOnlyStore } from '../store/open-database';
import { readSavedSettings } from '../store/settings-repo';
import type { HandlerContext, HandlerTable } from './context';

/** Reads another profile's saved settings without disturbing it (read-only, closed at once). */
function savedSettingsOf(context: HandlerContext, profile: string) {
  if (profile === context.config.profile) return readSavedSettings(context.db);
  const path = profileDatabasePath(context.config.dataDir, profile);
  if (!existsSync(path)) return {};
  const db = openReadOnlyStore(path, context.config.nativeBinding ?? undefined);
  try {
    return readSavedSettings(db);
  } catch {
    return {};
  } finally {
    db.close();
  }
}

/** One profile as the switcher lists it. The environment's settings count for the active profile only. */
export async function profileSummary(context: HandlerContext, profile: string): Promise<ProfileSummary> {
  const active = profile === context.config.profile;
  if (profile === demoProfile) return { name: profile, mode: 'demo', active, missing: [] };
  const environment = active ? context.config.environmentSettings : {};
  const settings = settingValues(effectiveSettings(environment, savedSettingsOf(context, profile)));
  const secrets = await context.host.secretStates(profile);
  return { name: profile, mode: 'live', active, missing: missingSettings(settings, (n) => secrets[n].set) };
}

export const profileHandlers: HandlerTable = {
  'profiles.list': async (_input, context) => {
    const names = new Set(listProfileNames(context.config.dataDir));
    names.add(context.config.profile);
    return Promise.all([...names].map((name) => profileSummary(context, name)));
  },
};
