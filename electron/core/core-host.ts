import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

import {
  eventSchemas,
  isEventName,
  parseInput,
  ScimWatchError,
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
import { methodRoutes } from './handlers/method-routes';
import { HostSecrets } from './host/host-secrets';
import type { PdfPrinter } from './host/pdf-page';
import { hostServices } from './workers/host-service-names';
import { WorkerSet, type Workers } from './host/worker-set';
import { createLogger, fileLogWriter, redactText, type Logger } from './log/logger';
import { refreshProfileLock, type LockHolder } from './profiles/profile-lock';
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
import { LayeredSecretStore, type SecretStore } from './secrets/secret-store';
import { scimwatchVersion } from './version';
import type { WorkerConfig } from './config/worker-config';

/** The built core-worker.js beside this bundle; the store's check worker is built beside it. */
const defaultWorkerEntry = () => new URL('./core-worker.js', import.meta.url);

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
   * A short-lived command (`status`, `sync --once`): one core serves reads and writes, in this thread,
   * since nothing reads while it writes and the command only waits for it; a worker would add its
   * start-up (a second load of the contract and SQLite) to every cron run.
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
  /**
   * Who is recorded as acting on the tenant. Defaults to the OS user, except for the server, where one
   * token is shared by everyone who opens it: there it is the operator named at start, or no one.
   */
  actor?: string | null;
  /** Prints reports to PDF: Electron's printToPDF on the desktop; the machine's Chromium otherwise. */
  printPdf?: PdfPrinter;
}

/**
 * The core, seen from a host (Electron main, the HTTP server, the CLI): one handler table behind
 * `call`, events through `subscribe`, and profile switching. SQLite work happens in the workers
 * (started by `WorkerSet`), never on this thread, except a one-shot command's; secrets stay here
 * (`HostSecrets`).
 */
export class CoreHost {
  private workers: Workers | undefined;
  private readonly workerSet: WorkerSet;
  private readonly hostSecrets: HostSecrets;
  private readonly listeners = new Set<EventListener>();
  private profile: string;
  private readonly profilePinnedBy: string | null;
  private switching: Promise<unknown> = Promise.resolve();
  readonly log: Logger;
  private readonly writeLog: (line: string) => void;
  readonly notices: string[] = [];

  private constructor(
    private readonly options: CoreHostOptions,
    readonly dataDir: string,
    private readonly environment: EnvironmentConfig,
    secrets: LayeredSecretStore,
  ) {
    const active = resolveActiveProfile(dataDir, environment);
    this.profile = active.name;
    this.profilePinnedBy = active.pinnedBy;
    this.hostSecrets = new HostSecrets(secrets, dataDir, () => this.profile);
    const level = environment.settings.logLevel ?? 'info';
    const write = options.logWrite ?? fileLogWriter(join(dataDir, 'logs', 'scimwatch.log'));
    this.writeLog = write;
    this.log = createLogger({
      level,
      write,
      knownSecrets: () => this.hostSecrets.knownSecrets(),
      scope: options.hostKind,
    });
    this.workerSet = new WorkerSet({
      entry: options.workerEntry ?? defaultWorkerEntry(),
      config: (role, profile) => this.workerConfig(role, profile),
      serve: (method, params) =>
        method === hostServices.printPdf
          ? this.printPdf((params as { html: string }).html)
          : this.hostSecrets.serve(method, params),
      events: {
        onEvent: (name, payload) => this.fromWorker(name, payload),
        onExit: (role, code) => this.log.error(`The ${role} worker stopped unexpectedly`, { code }),
      },
      onNotice: (notice) => {
        this.notices.push(notice);
        this.log.warn(notice);
      },
      log: this.log,
      dataDir,
      lockAs: options.lockAs,
      oneShot: options.oneShot === true,
      poll: options.poll === true,
      freshDemoDatabase: options.freshDemoDatabase === true,
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
    host.workers = await host.workerSet.start(host.profile);
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
    await this.workerSet.stop(this.workers);
    this.workers = undefined;
  }

  /** The printer given, else Chromium through playwright-core, loaded only when a PDF is asked for. */
  private async printPdf(html: string): Promise<Uint8Array> {
    if (this.options.printPdf) return this.options.printPdf(html);
    return (await import('./host/pdf-printer')).chromiumPdfPrinter(html);
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
      const next = await this.workerSet.start(name);
      const previous = this.workers;
      this.workers = next;
      this.profile = name;
      await this.workerSet.stop(previous);
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
    await this.workerSet.prepare(name);
    return { name, mode: 'live', active: false, missing: [] };
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
      storeThreadEntry: new URL('./store-thread-worker.js', this.options.workerEntry ?? defaultWorkerEntry())
        .href,
      logFile: null,
      actor:
        this.options.actor !== undefined
          ? this.options.actor
          : this.options.hostKind === 'server'
            ? null
            : osUserName(),
    };
  }

  /** The workers, restarted first if one died. */
  private async liveWorkers(): Promise<Workers> {
    const workers = this.workers;
    if (!workers) throw new ScimWatchError('unavailable', 'ScimWatch is shutting down.', 'Start it again.');
    this.workers = await this.workerSet.alive(workers, this.profile);
    return this.workers;
  }

  private fromWorker(name: string, payload: unknown): void {
    if (name === 'worker.log' && typeof payload === 'string') {
      this.writeLogLine(payload);
    } else if (isEventName(name)) {
      this.emit(name, payload as EventPayload<typeof name>);
    }
  }

  /** Text with every secret this host knows replaced (what goes into a support bundle). */
  redactSecrets(text: string): string {
    return redactText(text, this.hostSecrets.knownSecrets());
  }

  private writeLogLine(line: string): void {
    this.writeLog(redactText(line, this.hostSecrets.knownSecrets()));
  }
}

/** The OS account running ScimWatch, as the audit trail records it. */
function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown user';
  }
}
