import type {
  ApiError,
  CallOptions,
  EventName,
  EventPayload,
  ReplyEnvelope,
  ScimWatchApi,
} from '../../../shared/contract';
// Values from the contract's zod-free modules only: the renderer does not ship the schemas.
import { buildApi } from '../../../shared/contract/api';
import { eventNames } from '../../../shared/contract/names';
import { ApiClientError } from './api-client-error';

const unreachable: ApiError = {
  code: 'unavailable',
  message: 'The ScimWatch server did not answer.',
  hint: 'Check that `scimwatch serve` is still running, then reload.',
};

/** Sends one contract request to the served host; the access token travels as an HttpOnly cookie. */
async function invoke(method: string, input: unknown, options?: CallOptions): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options?.signal?.aborted) throw error;
    throw new ApiClientError(unreachable);
  }
  let envelope: ReplyEnvelope;
  try {
    envelope = (await response.json()) as ReplyEnvelope;
  } catch {
    throw new ApiClientError({
      ...unreachable,
      message: `The server answered ${response.status} without a body.`,
    });
  }
  if (!envelope.ok) throw new ApiClientError(envelope.error);
  return envelope.result;
}

type Listener = (payload: unknown) => void;

/**
 * One EventSource shared by every subscriber, opened on first use. The browser reconnects on its
 * own after a dropped connection (the server sends `retry:`).
 */
function createSubscriber() {
  let source: EventSource | undefined;
  const listeners = new Map<EventName, Set<Listener>>();
  const open = () => {
    source = new EventSource('/api/events', { withCredentials: true });
    for (const name of eventNames) {
      source.addEventListener(name, (event) => {
        const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
        listeners.get(name)?.forEach((listener) => listener(payload));
      });
    }
  };
  return <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    if (!source) open();
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => void set.delete(listener as Listener);
  };
}

/** The browser host's implementation of the API: HTTP for requests, Server-Sent Events for pushes. */
export function createHttpApi(): ScimWatchApi {
  return buildApi(invoke, createSubscriber());
}
