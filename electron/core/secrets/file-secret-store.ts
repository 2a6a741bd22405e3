import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SecretStore } from './secret-store';
import type { StoredSecretName } from './secret-store';

type SecretsFile = { version: 1; profiles: Record<string, Partial<Record<StoredSecretName, string>>> };

/**
 * Secrets in a JSON file readable by its owner only, like ~/.aws/credentials: the server/CLI backend.
 * Writes go to a temporary file and are renamed into place, so a crash never leaves half a file.
 */
export class FileSecretStore implements SecretStore {
  readonly description = 'secrets.json in the data folder (owner-only file)';
  readonly writable = true;
  readonly warning: string | null = null;
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'secrets.json');
    if (process.platform !== 'win32' && existsSync(this.path)) {
      // Someone widened the permissions: narrow them again rather than keep exposing the file.
      if ((statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    }
  }

  get(profile: string, name: StoredSecretName): string | undefined {
    return this.read().profiles[profile]?.[name];
  }

  set(profile: string, name: StoredSecretName, value: string): void {
    const file = this.read();
    file.profiles[profile] = { ...file.profiles[profile], [name]: value };
    this.write(file);
  }

  delete(profile: string, name: StoredSecretName): void {
    const file = this.read();
    const entry = file.profiles[profile];
    if (!entry || !(name in entry)) return;
    delete entry[name];
    this.write(file);
  }

  private read(): SecretsFile {
    if (!existsSync(this.path)) return { version: 1, profiles: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<SecretsFile>;
      if (parsed.version === 1 && parsed.profiles && typeof parsed.profiles === 'object')
        return parsed as SecretsFile;
    } catch {
      // fall through: the message below must not quote the file, which may hold secrets
    }
    throw new Error(
      `${this.path} is not a valid ScimWatch secrets file; move it aside and enter the secrets again`,
    );
  }

  private write(file: SecretsFile): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file, null, 2), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
