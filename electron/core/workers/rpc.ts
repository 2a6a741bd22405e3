import { toApiError, ScimWatchError, type ApiError } from '../../../shared/contract';

/** The envelope every message between the host thread and a core worker travels in. */
export type RpcMessage =
  | { kind: 'request'; id: number; method: string; params: unknown }
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ApiError }
  | { kind: 'event'; name: string; payload: unknown };

/** The two ends this works over: a Worker (host side) or parentPort (worker side). */
export interface MessagePortLike {
  postMessage(message: RpcMessage): void;
  on(event: 'message', listener: (message: RpcMessage) => void): unknown;
}

export type RequestHandler = (method: string, params: unknown) => unknown;

/**
 * Requests in both directions over one port: the host asks workers to run contract methods, and
 * workers ask the host for what only it holds (secrets). Errors cross as contract errors.
 */
export class RpcChannel {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private eventListener: (name: string, payload: unknown) => void = () => undefined;

  constructor(
    private readonly port: MessagePortLike,
    private readonly handle: RequestHandler,
  ) {
    port.on('message', (message) => void this.receive(message));
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ kind: 'request', id, method, params });
    });
  }

  emit(name: string, payload: unknown): void {
    this.port.postMessage({ kind: 'event', name, payload });
  }

  onEvent(listener: (name: string, payload: unknown) => void): void {
    this.eventListener = listener;
  }

  /** Fails every request still waiting, e.g. when the worker on the other end died. */
  failPending(error: ApiError): void {
    for (const { reject } of this.pending.values())
      reject(new ScimWatchError(error.code, error.message, error.hint));
    this.pending.clear();
  }

  private async receive(message: RpcMessage): Promise<void> {
    if (message.kind === 'event') return this.eventListener(message.name, message.payload);
    if (message.kind === 'response') {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new ScimWatchError(message.error.code, message.error.message, message.error.hint));
      return;
    }
    try {
      const result = await this.handle(message.method, message.params);
      this.port.postMessage({ kind: 'response', id: message.id, ok: true, result });
    } catch (error) {
      this.port.postMessage({ kind: 'response', id: message.id, ok: false, error: toApiError(error) });
    }
  }
}
