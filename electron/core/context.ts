import type Database from 'better-sqlite3';

import type { EventName, EventPayload, SecretName, SecretState, Settings } from '../../shared/contract';
import { effectiveSettings, settingValues, type EffectiveSettings } from './config/effective-settings';
import type { Logger } from './log/logger';
import type { StoredSecretName } from './secrets/secret-store';
import { readSavedSettings } from './store/settings-repo';
import type { WorkerConfig } from './config/worker-config';

/** What the host thread offers a worker: the secret store's answers (never more than asked), and printing. */
export interface HostServices {
  secretStates(profile: string): Promise<Record<SecretName, SecretState>>;
  secret(profile: string, name: StoredSecretName): Promise<string | undefined>;
  setSecret(profile: string, name: StoredSecretName, value: string | null): Promise<void>;
  secretStorage(): Promise<{ backend: string; warning: string | null }>;
  /** A self-contained HTML document printed to PDF by the host's browser (Electron, or Chromium). */
  printPdf(html: string): Promise<Uint8Array>;
}

/**
 * What every service below the handlers works with: the worker's connection, its configuration, the
 * host's secret answers, the log and events. No module holds any of it: the worker builds it once.
 */
export interface CoreContext {
  db: Database.Database;
  config: WorkerConfig;
  host: HostServices;
  log: Logger;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** The profile's settings now, each with where it came from (environment, saved, default). */
export function currentEffectiveSettings(context: Pick<CoreContext, 'db' | 'config'>): EffectiveSettings {
  return effectiveSettings(context.config.environmentSettings, readSavedSettings(context.db));
}

/** The profile's settings now, as plain values. */
export function currentSettings(context: Pick<CoreContext, 'db' | 'config'>): Partial<Settings> {
  return settingValues(currentEffectiveSettings(context));
}
