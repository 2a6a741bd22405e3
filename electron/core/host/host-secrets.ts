import { ScimWatchError, secretNames } from '../../../shared/contract';
import { listProfileNames } from '../profiles/profile-registry';
import type { LayeredSecretStore, StoredSecretName } from '../secrets/secret-store';
import { hostServices } from '../workers/host-service-names';

/**
 * What only the host thread holds, offered to workers on request: the secret store. Workers ask for
 * one value at a time over RPC; the redacting logger asks for all of them.
 */
export class HostSecrets {
  constructor(
    private readonly secrets: LayeredSecretStore,
    private readonly dataDir: string,
    private readonly activeProfile: () => string,
  ) {}

  /** Answers a worker's request for what only the host holds. */
  readonly serve = (method: string, params: unknown): unknown => {
    const { profile, name, value } = params as { profile: string; name: StoredSecretName; value?: string };
    switch (method) {
      case hostServices.secretStates:
        return Object.fromEntries(secretNames.map((n) => [n, this.secrets.state(profile, n)]));
      case hostServices.secretGet:
        return this.secrets.get(profile, name);
      case hostServices.secretSet:
        return this.secrets.set(profile, name, value ?? '');
      case hostServices.secretDelete:
        return this.secrets.delete(profile, name);
      case hostServices.secretStorage:
        return { backend: this.secrets.description, warning: this.secrets.warning };
      default:
        throw new ScimWatchError('unknown_method', `Unknown host service ${method}.`, 'This is a bug.');
    }
  };

  /** Every secret value this process could ever print, for the redacting logger. */
  knownSecrets(): string[] {
    const values: string[] = [];
    for (const profile of new Set([this.activeProfile(), ...listProfileNames(this.dataDir)])) {
      for (const name of secretNames) {
        const value = this.secrets.get(profile, name);
        if (value) values.push(value);
      }
    }
    return values;
  }
}
