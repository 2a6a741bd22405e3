import type { ScimWatchApi } from '../../../shared/contract';
import { createHttpApi } from './http-client';

declare global {
  interface Window {
    /** Present inside the desktop app, exposed by the preload script. */
    scimwatch?: ScimWatchApi;
  }
}

/** The one API client: the preload's bridge in Electron, HTTP + SSE in a browser. */
export const api: ScimWatchApi = window.scimwatch ?? createHttpApi();
