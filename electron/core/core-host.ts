import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import {
  eventSchemas,
  isEventName,
  parseInput,
  ScimWatchError,
  secretNames,
  type AppStatus,
  type EventName,
  type EventPayload,
  type InputOf,
  type MethodName,
  type OutputOf,
  type ProfileSummary,
} from '../../shared/contract';
import { budgetOverridesFrom } from './collectors/budget-overrides';
import { resolveDataDir } from './config/data-dir';
import { readEnvironment, type EnvironmentConfig } from './config/environment';
import { methodRoutes } from './handlers/routes';
import { createLogger, fileLogWriter, redactText, type Logger } from './log/logger';
import {
  acquireProfileLock,
  describeHolder,
  refreshProfileLock,
  type LockHolder,
} from './profiles/profile-lock';
import {
  demoProfile,
  listProfileNames,
  profileDatabasePath,
  resolveActiveProfile,
  saveSelectedProfile,
} from './profiles/profile-registry';
import { EnvSecretStore } from './secrets/env-secret-store';
import { FileSecretStore } from './secrets/file-secret-store';
import { ProfileScopedSecretStore } from './secrets/profile-scoped-secret-store';
import { LayeredSecretStore, type SecretStore, type StoredSecretName } from './secrets/secret-store';
import { scimwatchVersion } from './version';
import { hostServices, type WorkerConfig } from './workers/worker-config';
import { WorkerHandle } from './workers/worker-handle';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface CoreHostOptions {
  hostKind: WorkerConfig['hostKind'];
  env?: NodeJS.ProcessEnv;
  /** The persistent secret backend; defaults to the owner-only secrets.json (server/CLI). */
  secretBackend?: (dataDir: string) => SecretStore;
  /** The built core-worker.js; defaults to the file beside this bundle. */
  workerEntry?: URL;
  nativeBinding?: string;
  /** Where redacted log lines go; defaults to <data dir>/logs/scimwatch.log. */
  logWrite?: (line: string) => void;
  /** Set by pollers (server, desktop): take the profile's lock, naming this process. */
  lockAs?: Omit<LockHolder, 'pid' | 'since'>;
  /** Poll every source on its schedule (server, desktop); the CLI's one-off commands leave it off. */
  poll?: boolean;
  /**
   * A short-lived command (`status`, `sync --once`): one worker serves reads and writes, since nothing
   * reads while it writes, and starting a second worker would only add to every cron run.
   */
  oneShot?: boolean;
  /**
   * Start the demo profile from an empty database: each demo start seeds a new emulated world, so
   * yesterday's demo history would describe objects that no longer exist.
   */
  freshDemoDatabase?: boolean;
  /**
   * The running demo world's SCIMWATCH_* variables (with its CA file): the demo profile polls it.
   * They apply to the demo profile only, so they never make a live profile look configured.
   */
  demoEnvironment?: Record<string, string>;
}

interface Workers {
  writer: WorkerHandle;
  /** Null for one-shot commands: the writer answers reads too. */
  reader: WorkerHandle | null;
  releaseLock: () => void;
}

/**
 * The core, seen from a host (Electron main, the HTTP server, the CLI): one handler table behind
 * `call`, events through `subscribe`. SQLite work happens in the workers, never on this thread.
 */
export class CoreHost {
  private workers: Workers | undefined;
  private readonly listeners = new Set<EventListener>();
  private profile: string;
  private readonly profilePinnedBy: string | null;
  private switching: Promise<unknown> = Promise.resolve();
  readonly log: Logger;
  readonly notices: string[] = [];

  private constructor(
    private readonly options: CoreHostOptions,
    readonly dataDir: string,
    private readonly environment: EnvironmentConfig,
    private readonly secrets: LayeredSecretStore,
  ) {
    const active = resolveActiveProfile(dataDir, environment);
    this.profile = active.name;
    this.profilePinnedBy = active.pinnedBy;
    const level = environment.settings.logLevel ?? 'info';
    const write = options.logWrite ?? fileLogWriter(join(dataDir, 'logs', 'scimwatch.log'));
    this.log = createLogger({
      level,
      write,
      knownSecrets: () => this.knownSecrets(),
      scope: options.hostKind,
    });
  }

  /** Reads the environment (an invalid variable fails here, named), opens the active profile, starts the workers. */
  static async start(options: CoreHostOptions): Promise<CoreHost> {
    const env = options.env ?? process.env;
    const environment = readEnvironment(env);
    const dataDir = resolveDataDir(env);
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
    const saved = options.secretBackend?.(dataDir) ?? new FileSecretStore(dataDir);
    const fromEnvironment = options.demoEnvironment
      ? new LayeredSecretStore(
          new ProfileScopedSecretStore(demoProfile, new EnvSecretStore(options.demoEnvironment)),
          new EnvSecretStore(env),
        )
      : new EnvSecretStore(env);
    const host = new CoreHost(options, dataDir, environment, new LayeredSecretStore(fromEnvironment, saved));
    host.workers = await host.startWorkers(host.profile);
    return host;
  }

  get activeProfile(): string {
    return this.profile;
  }

  /** Runs one contract method with typed input (callers inside the process). */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    return this.dispatch(method, input);
  }

  /** Runs one contract method with untrusted input from an adapter (IPC, HTTP): validated here first. */
  async dispatch<M extends MethodName>(method: M, input: unknown): Promise<OutputOf<M>> {
    const parsed = parseInput(method, input);
    const route: 'reader' | 'writer' | 'host' = methodRoutes[method];
    if (route === 'host') return this.callHost(method, parsed);
    await this.switching;
    const workers = await this.liveWorkers();
    const worker = route === 'reader' ? (workers.reader ?? workers.writer) : workers.writer;
    return (await worker.request(method, parsed)) as OutputOf<M>;
  }

  /** Listens to every pushed event; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Broadcasts an event after checking it against the contract. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = eventSchemas[event].safeParse(payload);
    if (!checked.success) {
      this.log.error('Dropped an event that does not match the contract', { event });
      return;
    }
    for (const listener of this.listeners) listener(event, checked.data as EventPayload<E>);
  }

  /** Updates what the profile lock says about this poller, e.g. the URL once the server listens. */
  updateLockHolder(details: Omit<LockHolder, 'pid' | 'since'>): void {
    if (!this.options.lockAs) return;
    Object.assign(this.options.lockAs, details);
    refreshProfileLock(this.dataDir, this.profile, this.options.lockAs);
  }

  async close(): Promise<void> {
    await this.switching.catch(() => undefined);
    await this.stopWorkers(this.workers);
    this.workers = undefined;
  }

  private async callHost(method: MethodName, input: unknown): Promise<AppStatus | ProfileSummary> {
    const { name } = input as { name: string };
    if (method === 'profiles.create') return this.createProfile(name);
    return this.selectProfile(name);
  }

  private async selectProfile(name: string): Promise<AppStatus> {
    if (this.profilePinnedBy && name !== this.profile) {
      throw new ScimWatchError(
        'profile_pinned',
        `The profile is fixed to "${this.profile}" by ${this.profilePinnedBy}.`,
        `Unset ${this.profilePinnedBy} and restart ScimWatch to switch profiles.`,
      );
    }
    if (!listProfileNames(this.dataDir).includes(name)) {
      throw new ScimWatchError('profile_unknown', `There is no profile named "${name}".`, 'Create it first.');
    }
    const switched = this.switching.then(async () => {
      if (name === this.profile) return;
      const next = await this.startWorkers(name);
      const previous = this.workers;
      this.workers = next;
      this.profile = name;
      await this.stopWorkers(previous);
      saveSelectedProfile(this.dataDir, name);
    });
    this.switching = switched.catch(() => undefined);
    await switched;
    const status = await this.call('app.status', {});
    this.emit('status.changed', status);
    return status;
  }

  private async createProfile(name: string): Promise<ProfileSummary> {
    if (listProfileNames(this.dataDir).includes(name)) {
      throw new ScimWatchError(
        'invalid_input',
        `A profile named "${name}" already exists.`,
        'Pick another name.',
      );
    }
    // A short-lived writer creates and migrates the new profile's database.
    const writer = await WorkerHandle.start(
      this.workerEntry(),
      this.workerConfig('writer', name),
      this.serveWorker,
      {
        onEvent: () => undefined,
        onExit: () => undefined,
      },
    );
    await writer.close();
    return { name, mode: 'live', active: false, missing: [] };
  }

  private workerEntry(): URL {
    return this.options.workerEntry ?? new URL('./core-worker.js', import.meta.url);
  }

  private workerConfig(role: WorkerConfig['role'], profile: string): WorkerConfig {
    const active = profile === this.profile;
    const override = active ? (this.environment.databasePath ?? null) : null;
    return {
      role,
      version: scimwatchVersion,
      hostKind: this.options.hostKind,
      dataDir: this.dataDir,
      profile,
      profilePinnedBy: this.profilePinnedBy,
      databasePath: profileDatabasePath(this.dataDir, profile, override ?? undefined),
      databaseOverride: override,
      environmentSettings:
        profile === demoProfile && this.options.demoEnvironment
          ? { ...this.environment.settings, ...readEnvironment(this.options.demoEnvironment).settings }
          : this.environment.settings,
      nativeBinding: this.options.nativeBinding ?? null,
      logLevel: this.environment.settings.logLevel ?? 'info',
      budgetOverrides: budgetOverridesFrom(this.options.env ?? process.env),
      servesReads: role === 'writer' && this.options.oneShot === true,
      logFile: null,
    };
  }

  private async startWorkers(profile: string): Promise<Workers> {
    const releaseLock = this.takeLock(profile);
    if (profile === demoProfile && this.options.freshDemoDatabase) {
      const path = this.workerConfig('writer', profile).databasePath;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    }
    const events = {
      onEvent: (name: string, payload: unknown) => this.fromWorker(name, payload),
      onExit: (role: string, code: number) =>
        this.log.error(`The ${role} worker stopped unexpectedly`, { code }),
    };
    try {
      // The writer first: it creates and migrates the file the reader then opens read-only.
      const writer = await WorkerHandle.start(
        this.workerEntry(),
        this.workerConfig('writer', profile),
        this.serveWorker,
        events,
      );
      for (const notice of writer.notices) {
        this.notices.push(notice);
        this.log.warn(notice);
      }
      if (this.options.oneShot) return { writer, reader: null, releaseLock };
      try {
        const reader = await WorkerHandle.start(
          this.workerEntry(),
          this.workerConfig('reader', profile),
          this.serveWorker,
          events,
        );
        if (this.options.poll) await writer.request('worker.startPolling', {});
        return { writer, reader, releaseLock };
      } catch (error) {
        await writer.close();
        throw error;
      }
    } catch (error) {
      releaseLock();
      throw error;
    }
  }

  /** Restarts workers that died (a crash must not leave the UI without answers). */
  private async liveWorkers(): Promise<Workers> {
    const workers = this.workers;
    if (!workers) throw new ScimWatchError('unavailable', 'ScimWatch is shutting down.', 'Start it again.');
    if (workers.writer.alive && (workers.reader?.alive ?? true)) return workers;
    this.log.warn('Restarting core workers after a crash');
    await this.stopWorkers(workers);
    this.workers = await this.startWorkers(this.profile);
    return this.workers;
  }

  private async stopWorkers(workers: Workers | undefined): Promise<void> {
    if (!workers) return;
    await workers.reader?.close();
    await workers.writer.close();
    workers.releaseLock();
  }

  private takeLock(profile: string): () => void {
    if (!this.options.lockAs) return () => undefined;
    const result = acquireProfileLock(this.dataDir, profile, this.options.lockAs);
    if (result.acquired) return result.release;
    throw new ScimWatchError(
      'profile_locked',
      describeHolder(profile, result.holder),
      'Use that instance, stop it, or pick another profile with SCIMWATCH_PROFILE.',
    );
  }

  private fromWorker(name: string, payload: unknown): void {
    if (name === 'worker.log' && typeof payload === 'string') {
      this.writeLogLine(payload);
    } else if (isEventName(name)) {
      this.emit(name, payload as EventPayload<typeof name>);
    }
  }

  private writeLogLine(line: string): void {
    const write = this.options.logWrite ?? fileLogWriter(join(this.dataDir, 'logs', 'scimwatch.log'));
    write(redactText(line, this.knownSecrets()));
  }

  /** Answers a worker's requests for what only the host holds. */
  private readonly serveWorker = (method: string, params: unknown): unknown => {
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
  private knownSecrets(): string[] {
    const values: string[] = [];
    for (const profile of new Set([this.profile, ...listProfileNames(this.dataDir)])) {
      for (const name of secretNames) {
        const value = this.secrets.get(profile, name);
        if (value) values.push(value);
      }
    }
    return values;
  }
}
