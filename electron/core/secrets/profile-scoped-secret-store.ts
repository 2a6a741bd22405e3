import type { SecretStore } from './secret-store';
import type { StoredSecretName } from './secret-store';

/**
 * Secrets that belong to one profile only, read-only: the demo world's generated credentials, which
 * must never make another profile (or the saved secrets) look configured.
 */
export class ProfileScopedSecretStore implements SecretStore {
  readonly description = 'generated for this run';
  readonly warning = null;
  readonly writable = false;

  constructor(
    private readonly profile: string,
    private readonly inner: SecretStore,
  ) {}

  get(profile: string, name: StoredSecretName): string | undefined {
    return profile === this.profile ? this.inner.get(profile, name) : undefined;
  }

  set(): void {
    throw new Error('These secrets are generated per run and cannot be changed');
  }

  delete(): void {
    throw new Error('These secrets are generated per run and cannot be changed');
  }
}
