import type { SecretName } from '../../../shared/contract';
import type { SecretStore } from './secret-store';
import type { StoredSecretName } from './secret-store';

/** The environment variable behind each secret. */
export const secretEnvVars: Record<SecretName, string> = {
  clientSecret: 'SCIMWATCH_CLIENT_SECRET',
  clientCertPassword: 'SCIMWATCH_CLIENT_CERT_PASSWORD',
  pulumiScimToken: 'SCIMWATCH_PULUMI_SCIM_TOKEN',
  pulumiAccessToken: 'SCIMWATCH_PULUMI_ACCESS_TOKEN',
};

/** Read-only secrets from the environment; they apply to the profile this process runs. */
export class EnvSecretStore implements SecretStore {
  readonly description = 'environment variables';
  readonly warning = null;
  readonly writable = false;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get(_profile: string, name: StoredSecretName): string | undefined {
    // Credential state (token cache, account record) never comes from the environment.
    if (!Object.hasOwn(secretEnvVars, name)) return undefined;
    const value = this.env[secretEnvVars[name as SecretName]];
    return value ? value : undefined;
  }

  set(): void {
    throw new Error('Secrets set by environment variables cannot be changed from ScimWatch');
  }

  delete(): void {
    throw new Error('Secrets set by environment variables cannot be changed from ScimWatch');
  }
}
