import { secretNames, type SettingsView } from '../../../shared/contract';
import { effectiveSettings } from '../config/effective-settings';
import { readSavedSettings, writeSettings } from '../store/settings-repo';
import type { HandlerContext, HandlerTable } from './context';
import { buildStatus } from './status';

/** The profile's settings with where each value comes from; secrets only as set/unset. */
export async function settingsView(context: HandlerContext): Promise<SettingsView> {
  const { config, host, db } = context;
  const [secrets, storage] = await Promise.all([host.secretStates(config.profile), host.secretStorage()]);
  return {
    profile: config.profile,
    values: effectiveSettings(config.environmentSettings, readSavedSettings(db)),
    secrets,
    secretStorage: storage.backend,
  };
}

export const readSettingsHandlers: HandlerTable = {
  'settings.get': (_input, context) => settingsView(context),
};

export const writeSettingsHandlers: HandlerTable = {
  'settings.update': async (input, context) => {
    if (input.values) writeSettings(context.db, input.values);
    for (const name of secretNames) {
      const value = input.secrets?.[name];
      if (value !== undefined) await context.host.setSecret(context.config.profile, name, value);
    }
    context.log.info('Settings updated', {
      values: Object.keys(input.values ?? {}),
      secrets: Object.keys(input.secrets ?? {}),
    });
    context.emit('status.changed', await buildStatus(context));
    return settingsView(context);
  },
};
