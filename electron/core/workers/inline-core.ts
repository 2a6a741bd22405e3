import { ScimWatchError, toApiError } from '../../../shared/contract';
import type { WorkerConfig } from '../config/worker-config';
import { hostServicesOver, openCoreEndpoint, type CoreEndpoint } from './core-endpoint';
import type { CoreHandle, WorkerEvents } from './worker-handle';

/**
 * The core in the host's own thread, for one-shot commands: the CLI waits on its one question anyway,
 * and a worker would load the contract, zod and SQLite a second time (a quarter second of every
 * `status`).
 * Errors arrive as they would across a thread: as contract errors.
 */
export class InlineCore implements CoreHandle {
  private closed = false;

  private constructor(
    readonly config: WorkerConfig,
    private readonly endpoint: CoreEndpoint,
  ) {}

  static start(
    config: WorkerConfig,
    serveHost: (method: string, params: unknown) => unknown,
    events: WorkerEvents,
  ): InlineCore {
    const host = hostServicesOver((method, params) => Promise.resolve(serveHost(method, params)));
    try {
      return new InlineCore(config, openCoreEndpoint(config, host, events.onEvent));
    } catch (error) {
      throw asContractError(error);
    }
  }

  get notices(): string[] {
    return this.endpoint.notices;
  }

  get alive(): boolean {
    return !this.closed;
  }

  async request(method: string, params: unknown): Promise<unknown> {
    try {
      return await this.endpoint.handle(method, params);
    } catch (error) {
      throw asContractError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.endpoint.handle('worker.close', {});
  }
}

/** What a worker's caller would have received: the error as the contract carries it. */
function asContractError(error: unknown): ScimWatchError {
  const { code, message, hint } = toApiError(error);
  return new ScimWatchError(code, message, hint);
}
