import type Database from 'better-sqlite3';

import type {
  EventName,
  EventPayload,
  MethodName,
  OutputOf,
  ParsedInputOf,
  SecretName,
  SecretState,
} from '../../../shared/contract';
import type { Logger } from '../log/logger';
import type { StoredSecretName } from '../secrets/secret-store';
import type { WorkerConfig } from '../workers/worker-config';

/** What the host thread offers a worker: the secret store's answers, never more than asked. */
export interface HostServices {
  secretStates(profile: string): Promise<Record<SecretName, SecretState>>;
  secret(profile: string, name: StoredSecretName): Promise<string | undefined>;
  setSecret(profile: string, name: StoredSecretName, value: string | null): Promise<void>;
  secretStorage(): Promise<{ backend: string; warning: string | null }>;
}

/** Everything a handler may use. Handlers get no globals: tests build this with real SQLite files. */
export interface HandlerContext {
  db: Database.Database;
  config: WorkerConfig;
  host: HostServices;
  log: Logger;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handler<M extends MethodName> = (
  input: ParsedInputOf<M>,
  context: HandlerContext,
) => OutputOf<M> | Promise<OutputOf<M>>;

export type HandlerTable = { [M in MethodName]?: Handler<M> };
