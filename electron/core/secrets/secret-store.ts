import type { SecretName, SecretState } from '../../../shared/contract';

/**
 * What a signed-in person's credential needs to survive a restart without prompting again (device
 * code, interactive): MSAL's token cache and the account's AuthenticationRecord. They are secrets
 * (the cache holds refresh tokens), kept beside the others and never shown or settable in the UI.
 */
export const credentialStateNames = ['msalTokenCache', 'authenticationRecord'] as const;
export type CredentialStateName = (typeof credentialStateNames)[number];
export type StoredSecretName = SecretName | CredentialStateName;

/** Where saved secrets live. Values never leave the host process except to the API clients that need them. */
export interface SecretStore {
  /** A short description for the UI, e.g. "secrets.json (owner-only file)". */
  readonly description: string;
  /** Set when the backend protects secrets less than the user would expect. */
  readonly warning: string | null;
  /** False for the environment backend: its values cannot be changed from the app. */
  readonly writable: boolean;
  get(profile: string, name: StoredSecretName): string | undefined;
  set(profile: string, name: StoredSecretName, value: string): void;
  delete(profile: string, name: StoredSecretName): void;
}

/**
 * Environment variables over a persistent backend: the environment wins, as it does for all settings,
 * and writes go to the persistent backend.
 */
export class LayeredSecretStore implements SecretStore {
  readonly writable = true;

  constructor(
    private readonly environment: SecretStore,
    private readonly saved: SecretStore,
  ) {}

  get description(): string {
    return this.saved.description;
  }

  get warning(): string | null {
    return this.saved.warning;
  }

  get(profile: string, name: StoredSecretName): string | undefined {
    return this.environment.get(profile, name) ?? this.saved.get(profile, name);
  }

  set(profile: string, name: StoredSecretName, value: string): void {
    this.saved.set(profile, name, value);
  }

  delete(profile: string, name: StoredSecretName): void {
    this.saved.delete(profile, name);
  }

  /** Whether a secret is present and who provided it; never the value. */
  state(profile: string, name: SecretName): SecretState {
    if (this.environment.get(profile, name) !== undefined) return { set: true, source: 'environment' };
    if (this.saved.get(profile, name) !== undefined) return { set: true, source: 'saved' };
    return { set: false, source: null };
  }
}
