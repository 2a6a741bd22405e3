import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SecretStore } from './secret-store';
import type { StoredSecretName } from './secret-store';

/** The slice of Electron's `safeStorage` this store needs; main passes the real one in. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the encryption ("basic_text" means none). */
  getSelectedStorageBackend?(): string;
}

type EncryptedFile = { version: 1; profiles: Record<string, Partial<Record<StoredSecretName, string>>> };

/** The desktop backend: values encrypted by the operating system's keychain, stored as base64. */
export class SafeStorageSecretStore implements SecretStore {
  readonly description = 'operating system keychain (Electron safeStorage)';
  readonly writable = true;
  readonly warning: string | null;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.path = join(dataDir, 'secrets.safe.json');
    const backend = safeStorage.getSelectedStorageBackend?.();
    this.warning = !safeStorage.isEncryptionAvailable()
      ? 'No keychain is available, so secrets cannot be saved; set them through environment variables.'
      : backend === 'basic_text'
        ? 'No keyring was found (basic_text backend): saved secrets are only obfuscated, not encrypted. Install gnome-keyring or KWallet, or use environment variables.'
        : null;
  }

  get(profile: string, name: StoredSecretName): string | undefined {
    const encoded = this.read().profiles[profile]?.[name];
    return encoded === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(encoded, 'base64'));
  }

  set(profile: string, name: StoredSecretName, value: string): void {
    if (!this.safeStorage.isEncryptionAvailable())
      throw new Error(this.warning ?? 'Encryption is not available');
    const file = this.read();
    const encoded = this.safeStorage.encryptString(value).toString('base64');
    file.profiles[profile] = { ...file.profiles[profile], [name]: encoded };
    this.write(file);
  }

  delete(profile: string, name: StoredSecretName): void {
    const file = this.read();
    if (file.profiles[profile]?.[name] === undefined) return;
    delete file.profiles[profile]?.[name];
    this.write(file);
  }

  private read(): EncryptedFile {
    if (!existsSync(this.path)) return { version: 1, profiles: {} };
    return JSON.parse(readFileSync(this.path, 'utf8')) as EncryptedFile;
  }

  private write(file: EncryptedFile): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
