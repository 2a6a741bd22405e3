/**
 * The only file that touches ipcRenderer: exposes `window.scimwatch`, one method per contract
 * request plus typed subscriptions, and nothing else (no generic send/invoke).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import {
  buildApi,
  ipcEventChannel,
  ipcMethodChannel,
  type ReplyEnvelope,
  type ScimWatchApi,
  type Subscribe,
} from '../../shared/contract';

const invoke = async (method: string, input: unknown) => {
  const reply = (await ipcRenderer.invoke(ipcMethodChannel(method), input)) as ReplyEnvelope;
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result;
};

const on: Subscribe = (event, listener) => {
  const forward = (_e: IpcRendererEvent, name: string, payload: unknown) => {
    if (name === event) listener(payload as never);
  };
  ipcRenderer.on(ipcEventChannel, forward);
  return () => void ipcRenderer.removeListener(ipcEventChannel, forward);
};

const api = buildApi(invoke, on) satisfies ScimWatchApi;
contextBridge.exposeInMainWorld('scimwatch', api);
