/**
 * The only file that touches ipcRenderer: exposes `window.scimwatch`, one method per contract
 * request plus typed subscriptions, and nothing else (no generic send/invoke).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { buildApi, type ApiError, type ScimWatchApi, type Subscribe } from '../../shared/contract';

type IpcReply = { ok: true; result: unknown } | { ok: false; error: ApiError };

const invoke = async (method: string, input: unknown) => {
  const reply = (await ipcRenderer.invoke(`scimwatch:${method}`, input)) as IpcReply;
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result;
};

const on: Subscribe = (event, listener) => {
  const forward = (_e: IpcRendererEvent, name: string, payload: unknown) => {
    if (name === event) listener(payload as never);
  };
  ipcRenderer.on('scimwatch:event', forward);
  return () => void ipcRenderer.removeListener('scimwatch:event', forward);
};

const api = buildApi(invoke, on) satisfies ScimWatchApi;
contextBridge.exposeInMainWorld('scimwatch', api);
