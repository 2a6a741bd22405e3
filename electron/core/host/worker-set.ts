import { rmSync } from 'node:fs';

import { ScimWatchError } from '../../../shared/contract';
import type { WorkerConfig } from '../config/worker-config';
import type { Logger } from '../log/logger';
import { acquireProfileLock, describeHolder, type LockHolder } from '../profiles/profile-lock';
import { demoProfile } from '../profiles/profile-registry';
import { WorkerHandle, type CoreHandle, type WorkerEvents } from '../workers/worker-handle';

/** One profile's running workers and the lock that lets them poll it. */
export interface Workers {
  writer: CoreHandle;
  /** Null for one-shot commands: the writer answers reads too. */
  reader: CoreHandle | null;
  releaseLock: () => void;
}

export interface WorkerSetOptions {
  entry: URL;
  config: (role: WorkerConfig['role'], profile: string) => WorkerConfig;
  /** Answers workers' requests for what only the host holds. */
  serve: (method: string, params: unknown) => unknown;
  events: WorkerEvents;
  /** Told what the writer said on opening the database (a file moved aside, rebuilt). */
  onNotice: (notice: string) => void;
  log: Logger;
  dataDir: string;
  /** Take the profile's lock as this poller; absent for commands that do not poll. */
  lockAs?: Omit<LockHolder, 'pid' | 'since'> | undefined;
  oneShot: boolean;
  poll: boolean;
  freshDemoDatabase: boolean;
}

/** Starts, stops and restarts the workers of a profile: the writer first, then (unless one-shot) the reader. */
export class WorkerSet {
  constructor(private readonly options: WorkerSetOptions) {}

  async start(profile: string): Promise<Workers> {
    const { options } = this;
    const releaseLock = this.takeLock(profile);
    if (profile === demoProfile && options.freshDemoDatabase) {
      const path = options.config('writer', profile).databasePath;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    }
    try {
      if (options.oneShot) {
        const writer = await this.startInline(profile);
        for (const notice of writer.notices) options.onNotice(notice);
        return { writer, reader: null, releaseLock };
      }
      // The writer first: it creates and migrates the file the reader then opens read-only.
      const writer = await this.startOne('writer', profile);
      for (const notice of writer.notices) options.onNotice(notice);
      try {
        const reader = await this.startOne('reader', profile);
        if (options.poll) await writer.request('worker.startPolling', {});
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

  /** A short-lived writer that creates and migrates a profile's database, then closes. */
  async prepare(profile: string): Promise<void> {
    const { entry, config, serve } = this.options;
    const quiet = { onEvent: () => undefined, onExit: () => undefined };
    const writer = await WorkerHandle.start(entry, config('writer', profile), serve, quiet);
    await writer.close();
  }

  /** The same workers while both live; after a crash, new ones (the UI must not be left without answers). */
  async alive(workers: Workers, profile: string): Promise<Workers> {
    if (workers.writer.alive && (workers.reader?.alive ?? true)) return workers;
    this.options.log.warn('Restarting core workers after a crash');
    await this.stop(workers);
    return this.start(profile);
  }

  async stop(workers: Workers | undefined): Promise<void> {
    if (!workers) return;
    await workers.reader?.close();
    await workers.writer.close();
    workers.releaseLock();
  }

  /** A one-shot command's core, in this thread: loaded on demand, so pollers never load it. */
  private async startInline(profile: string): Promise<CoreHandle> {
    const { config, serve, events } = this.options;
    const { InlineCore } = await import('../workers/inline-core');
    return InlineCore.start(config('writer', profile), serve, events);
  }

  private startOne(role: WorkerConfig['role'], profile: string): Promise<WorkerHandle> {
    const { entry, config, serve, events } = this.options;
    return WorkerHandle.start(entry, config(role, profile), serve, events);
  }

  private takeLock(profile: string): () => void {
    const { lockAs, dataDir } = this.options;
    if (!lockAs) return () => undefined;
    const result = acquireProfileLock(dataDir, profile, lockAs);
    if (result.acquired) return result.release;
    throw new ScimWatchError(
      'profile_locked',
      describeHolder(profile, result.holder),
      'Use that instance, stop it, or pick another profile with SCIMWATCH_PROFILE.',
    );
  }
}
