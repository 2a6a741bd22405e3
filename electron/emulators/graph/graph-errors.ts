import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { sendJson } from '../http-kit';

/** Sends an error shaped as Graph sends them: `{ error: { code, message, innerError } }`. */
export function sendGraphError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const requestId = randomUUID();
  sendJson(
    response,
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString(),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
    { 'request-id': requestId, ...headers },
  );
}

/** OAuth errors as the identity platform sends them (AADSTS codes inside). */
export function sendOAuthError(
  response: ServerResponse,
  status: number,
  error: string,
  description: string,
): void {
  sendJson(response, status, {
    error,
    error_description: description,
    error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}
