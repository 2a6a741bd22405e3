import type { ApiError } from './errors';

/** How a host answers one request, over IPC and HTTP alike. */
export type ReplyEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiError };

/** The IPC channel that carries pushed events to the window. */
export const ipcEventChannel = 'scimwatch:event';
/** The IPC channel of one contract method. */
export const ipcMethodChannel = (method: string) => `scimwatch:${method}`;
