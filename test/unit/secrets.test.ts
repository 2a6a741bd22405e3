import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { EnvSecretStore } from '../../electron/core/secrets/env-secret-store';
import { FileSecretStore } from '../../electron/core/secrets/file-secret-store';
import {
  SafeStorageSecretStore,
  type SafeStorageLike,
} from '../../electron/core/secrets/safe-storage-secret-store';
import { LayeredSecretStore } from '../../electron/core/secrets/secret-store';
import { makeTempDir } from '../helpers/temp-dir';

/** Stands in for Electron's safeStorage, which needs the Electron binary; it reverses and tags bytes. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptString: (encrypted) => [...encrypted.toString().slice(4)].reverse().join(''),
    getSelectedStorageBackend: () => backend,
  };
}

describe('secret stores', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('keeps secrets per profile in an owner-only file', () => {
    const store = new FileSecretStore(dir.path);
    store.set('prod', 'clientSecret', 'prod-secret');
    store.set('staging', 'clientSecret', 'staging-secret');
    expect(store.get('prod', 'clientSecret')).toBe('prod-secret');
    expect(statSync(join(dir.path, 'secrets.json')).mode & 0o777).toBe(0o600);
    store.delete('prod', 'clientSecret');
    expect(store.get('prod', 'clientSecret')).toBeUndefined();
    expect(store.get('staging', 'clientSecret')).toBe('staging-secret');
  });

  it('narrows a secrets file someone made world-readable', () => {
    new FileSecretStore(dir.path).set('p', 'pulumiScimToken', 'tok-123456');
    chmodSync(join(dir.path, 'secrets.json'), 0o644);
    new FileSecretStore(dir.path);
    expect(statSync(join(dir.path, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged secrets file without quoting it', () => {
    writeFileSync(join(dir.path, 'secrets.json'), 'pulumi-token-in-garbage');
    const store = new FileSecretStore(dir.path);
    expect(() => store.get('p', 'clientSecret')).toThrow(/not a valid ScimWatch secrets file/);
    try {
      store.get('p', 'clientSecret');
    } catch (error) {
      expect(String(error)).not.toContain('pulumi-token-in-garbage');
    }
  });

  it('lets the environment win and reports who set what, never the value', () => {
    const saved = new FileSecretStore(dir.path);
    saved.set('default', 'clientSecret', 'saved-secret');
    saved.set('default', 'pulumiScimToken', 'saved-token');
    const layered = new LayeredSecretStore(
      new EnvSecretStore({ SCIMWATCH_CLIENT_SECRET: 'env-secret' }),
      saved,
    );
    expect(layered.get('default', 'clientSecret')).toBe('env-secret');
    expect(layered.state('default', 'clientSecret')).toEqual({ set: true, source: 'environment' });
    expect(layered.state('default', 'pulumiScimToken')).toEqual({ set: true, source: 'saved' });
    expect(layered.state('default', 'pulumiAccessToken')).toEqual({ set: false, source: null });
  });

  it('encrypts through safeStorage and warns about the basic_text backend', () => {
    const store = new SafeStorageSecretStore(dir.path, fakeSafeStorage());
    store.set('prod', 'pulumiScimToken', 'plain-token-value');
    expect(store.get('prod', 'pulumiScimToken')).toBe('plain-token-value');
    expect(readFileSync(join(dir.path, 'secrets.safe.json'), 'utf8')).not.toContain('plain-token-value');
    expect(store.warning).toBeNull();
    expect(new SafeStorageSecretStore(dir.path, fakeSafeStorage('basic_text')).warning).toMatch(/basic_text/);
  });
});
