import { ScimWatchError, secretNames, type SecretName, type SettingsView } from '../../../shared/contract';

import { currentEffectiveSettings } from '../context';
import { writeSettings } from '../store/settings-repo';
import type { HandlerContext, HandlerTable } from './context';
import { buildStatus } from '../status/app-status';

/** The profile's settings with where each value comes from; secrets only as set/unset. */
export async function settingsView(context: HandlerContext): Promise<SettingsView> {
  const { config, host } = context;
  const [secrets, storage] = await Promise.all([host.secretStates(config.profile), host.secretStorage()]);
  return {
    profile: config.profile,
    values: currentEffectiveSettings(context),
    secrets,
    secretStorage: storage.backend,
  };
}

export const readSettingsHandlers: HandlerTable = {
  'settings.get': (_input, context) => settingsView(context),
};

/**
 * Refuses to save a secret's value in an ordinary setting (a token pasted into the wrong field),
 * since ordinary settings are stored in clear text in the database and shown in the UI.
 */
async function refuseSecretsInPlainFields(
  values: Record<string, unknown>,
  incoming: Partial<Record<SecretName, string | null>>,
  context: HandlerContext,
): Promise<void> {
  const known = new Set<string>();
  for (const name of secretNames) {
    const value = incoming[name] ?? (await context.host.secret(context.config.profile, name));
    if (value) known.add(value);
  }
  const offending = Object.entries(values).find(
    ([, value]) => typeof value === 'string' && known.has(value.trim()),
  );
  if (offending) {
    throw new ScimWatchError(
      'invalid_input',
      `The value given for ${offending[0]} is one of this profile's secrets.`,
      'Secrets belong in their own write-only fields; enter the real value for this setting.',
    );
  }
}

export const writeSettingsHandlers: HandlerTable = {
  'settings.update': async (input, context) => {
    if (input.values) await refuseSecretsInPlainFields(input.values, input.secrets ?? {}, context);
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
