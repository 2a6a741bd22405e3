import { Worker } from 'node:worker_threads';

import { ScimWatchError, type ApiError } from '../../../shared/contract';
import { RpcChannel, type RequestHandler } from './rpc';
import type { WorkerConfig } from '../config/worker-config';

export interface WorkerEvents {
  onEvent: (name: string, payload: unknown) => void;
  onExit: (role: WorkerConfig['role'], code: number) => void;
}

/** A running core as its host uses it: a worker thread, or (one-shot commands) the host's own thread. */
export interface CoreHandle {
  readonly config: WorkerConfig;
  readonly notices: string[];
  readonly alive: boolean;
  request(method: string, params: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** One running core worker, seen from the host thread. */
export class WorkerHandle implements CoreHandle {
  private exited = false;
  private closing = false;

  private constructor(
    readonly config: WorkerConfig,
    private readonly worker: Worker,
    private readonly rpc: RpcChannel,
    readonly notices: string[],
  ) {}

  /** Starts a worker and resolves once its database is open, or rejects with the reason it is not. */
  static start(
    entry: URL,
    config: WorkerConfig,
    serveHost: RequestHandler,
    events: WorkerEvents,
  ): Promise<WorkerHandle> {
    const worker = new Worker(entry, { workerData: config });
    const rpc = new RpcChannel(worker, serveHost);
    return new Promise((resolve, reject) => {
      let handle: WorkerHandle | undefined;
      rpc.onEvent((name, payload) => {
        if (name === 'worker.ready') {
          handle = new WorkerHandle(config, worker, rpc, (payload as { notices: string[] }).notices);
          resolve(handle);
        } else if (name === 'worker.failed') {
          const error = payload as ApiError;
          void worker.terminate();
          reject(new ScimWatchError(error.code, error.message, error.hint));
        } else {
          events.onEvent(name, payload);
        }
      });
      worker.on('error', (error) => {
        if (!handle) reject(error);
      });
      worker.on('exit', (code) => {
        if (handle) handle.exited = true;
        rpc.failPending({
          code: 'unavailable',
          message: `The ${config.role} worker stopped (exit code ${code}).`,
          hint: 'Try again; ScimWatch restarts it. If it keeps stopping, check the log.',
        });
        if (!handle)
          reject(
            new ScimWatchError(
              'internal',
              `The ${config.role} worker exited while starting.`,
              'Check the log.',
            ),
          );
        else if (!handle.closing) events.onExit(config.role, code);
      });
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  request(method: string, params: unknown): Promise<unknown> {
    return this.rpc.request(method, params);
  }

  /** Closes the database cleanly (checkpointing the WAL), then ends the thread. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.closing = true;
    try {
      await Promise.race([this.rpc.request('worker.close', {}), new Promise((r) => setTimeout(r, 5000))]);
    } finally {
      this.exited = true;
      await this.worker.terminate();
    }
  }
}
