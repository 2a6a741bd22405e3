/**
 * The only file that touches ipcMain: binds every contract method to the core's handler table and
 * forwards pushed events. Calls from any frame other than the app's own page are refused.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';

import {
  ipcEventChannel,
  ipcMethodChannel,
  methodNames,
  toApiError,
  type ReplyEnvelope,
} from '../../shared/contract';
import type { CoreHost } from '../core/core-host';
import { isAppUrl } from './security';

function fromOwnFrame(event: IpcMainInvokeEvent, window: WebContents): boolean {
  return event.sender === window && isAppUrl(event.senderFrame?.url ?? '');
}

/** Registers one handler per method; returns a function that removes them again. */
export function bindIpc(core: CoreHost, contents: WebContents): () => void {
  for (const method of methodNames) {
    ipcMain.handle(ipcMethodChannel(method), async (event, input: unknown): Promise<ReplyEnvelope> => {
      if (!fromOwnFrame(event, contents)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Refused a call from a foreign frame.', hint: '' },
        };
      }
      try {
        return { ok: true, result: await core.dispatch(method, input) };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    });
  }
  const unsubscribe = core.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(ipcEventChannel, event, payload);
  });
  return () => {
    unsubscribe();
    for (const method of methodNames) ipcMain.removeHandler(ipcMethodChannel(method));
  };
}
