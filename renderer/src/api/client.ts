import type { ScimWatchApi } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract/api';
import { createHttpApi } from './http-client';

declare global {
  interface Window {
    /** Present inside the desktop app, exposed by the preload script. */
    scimwatch?: ScimWatchApi;
  }
}

/**
 * The preload's bridge without per-call options: an AbortSignal cannot cross the context bridge, so
 * a stale IPC request runs to its end and its reply is dropped by the caller (see ui/live-query.ts).
 */
function bridged(bridge: ScimWatchApi): ScimWatchApi {
  const methods = bridge as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  return buildApi((method, input) => {
    const [namespace, verb] = method.split('.') as [string, string];
    return methods[namespace]?.[verb]?.(input) ?? Promise.reject(new Error(`No method ${method}`));
  }, bridge.on);
}

/** The one API client: the preload's bridge in Electron, HTTP + SSE in a browser. */
export const api: ScimWatchApi = window.scimwatch ? bridged(window.scimwatch) : createHttpApi();
