import {
  settingDefaults,
  settingKeys,
  type SettingKey,
  type Settings,
  type SettingValue,
} from '../../../shared/contract';

export type EffectiveSettings = { [K in SettingKey]: SettingValue<K> };

/** Resolves each setting by precedence: environment, then saved settings, then defaults. */
export function effectiveSettings(
  environment: Partial<Settings>,
  saved: Partial<Settings>,
): EffectiveSettings {
  const out: Partial<Record<SettingKey, SettingValue>> = {};
  for (const key of settingKeys) {
    if (environment[key] !== undefined) out[key] = { value: environment[key], source: 'environment' };
    else if (saved[key] !== undefined) out[key] = { value: saved[key], source: 'saved' };
    else if (settingDefaults[key] !== undefined)
      out[key] = { value: settingDefaults[key], source: 'default' };
    else out[key] = { value: null, source: null };
  }
  return out as EffectiveSettings;
}

/** Plain values, for code that only needs the answer and not where it came from. */
export function settingValues(settings: EffectiveSettings): Partial<Settings> {
  return Object.fromEntries(
    settingKeys.filter((k) => settings[k].value !== null).map((k) => [k, settings[k].value]),
  );
}
