import type { SecretName, Settings } from '../../../shared/contract';
import { secretEnvVars } from '../secrets/env-secret-store';
import { settingEnvVars } from './environment';

/**
 * What a live profile still lacks before it can poll, named by the environment variable a person
 * would set (the UI maps these to its fields). A partly configured profile never falls back to demo.
 */
export function missingSettings(
  settings: Partial<Settings>,
  hasSecret: (name: SecretName) => boolean,
): string[] {
  const missing: string[] = [];
  const need = (key: keyof Settings) => {
    if (settings[key] === undefined) missing.push(settingEnvVars[key]);
  };
  need('tenantId');
  need('clientId');
  if (!settings.servicePrincipalId && !settings.provisioningAppId) {
    missing.push(`${settingEnvVars.servicePrincipalId} or ${settingEnvVars.provisioningAppId}`);
  }
  if (settings.authMethod === 'secret' && !hasSecret('clientSecret'))
    missing.push(secretEnvVars.clientSecret);
  if (settings.authMethod === 'certificate') need('clientCertPath');
  need('pulumiOrg');
  if (!hasSecret('pulumiScimToken')) missing.push(secretEnvVars.pulumiScimToken);
  return missing;
}
