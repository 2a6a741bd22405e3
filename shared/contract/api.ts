import type { EventPayload } from './events';
import { methodNames, type EventName, type MethodName } from './names';
import type { InputOf, OutputOf } from './requests';

type Namespace = MethodName extends `${infer N}.${string}` ? N : never;
type Verb<N extends Namespace, M extends MethodName> = M extends `${N}.${infer V}` ? V : never;

/** Per call: a signal that abandons the request (HTTP aborts it; IPC drops its reply). */
export interface CallOptions {
  signal?: AbortSignal;
}

type MethodFn<M extends MethodName> =
  undefined extends InputOf<M>
    ? (input?: InputOf<M>, options?: CallOptions) => Promise<OutputOf<M>>
    : (input: InputOf<M>, options?: CallOptions) => Promise<OutputOf<M>>;

/** Subscribes to one pushed event; the returned function unsubscribes. */
export type Subscribe = <E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
) => () => void;

/**
 * What the renderer sees: one method per request (`api.settings.update({...})`) and typed
 * subscriptions. Electron's preload and the browser's HTTP client both satisfy it.
 */
export type ScimWatchApi = {
  [N in Namespace]: { [M in MethodName as Verb<N, M>]: MethodFn<M> };
} & { on: Subscribe };

/** Raw request sender a host provides; the typed API is built over it. */
export type Invoke = (method: MethodName, input: unknown, options?: CallOptions) => Promise<unknown>;

/** Builds the typed API object from a host's invoke function, one method per request. */
export function buildApi(invoke: Invoke, on: Subscribe): ScimWatchApi {
  const api: Record<
    string,
    Record<string, (input?: unknown, options?: CallOptions) => Promise<unknown>>
  > = {};
  for (const method of methodNames) {
    const [namespace, verb] = method.split('.') as [string, string];
    (api[namespace] ??= {})[verb] = (input?: unknown, options?: CallOptions) =>
      options ? invoke(method, input ?? {}, options) : invoke(method, input ?? {});
  }
  return Object.assign(api, { on }) as unknown as ScimWatchApi;
}
