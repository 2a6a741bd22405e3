import { request as httpsRequest } from 'node:https';

import { sendJson, text, type Router } from '../../http-kit';
import type { GraphContext } from '../graph-context';
import { sendGraphError } from '../graph-errors';
import type { JsonObject } from '../tenant-types';

/**
 * POST /v1.0/$batch: up to 20 requests, each run against this emulator as a separate call (so each
 * is authorised, throttled and fault-injected on its own, as Graph counts them).
 */
export function registerBatch(router: Router, context: GraphContext, ca: () => string): void {
  router.on('POST', '/v1.0/$batch', async (req, res) => {
    let body: { requests?: JsonObject[] };
    try {
      body = JSON.parse(req.body) as { requests?: JsonObject[] };
    } catch {
      return sendGraphError(res, 400, 'BadRequest', 'The batch body is not JSON.');
    }
    const requests = body.requests ?? [];
    if (!Array.isArray(requests) || requests.length === 0)
      return sendGraphError(res, 400, 'BadRequest', 'The batch has no requests.');
    if (requests.length > 20)
      return sendGraphError(res, 400, 'BadRequest', 'A batch may hold at most 20 requests.');
    const authorization = req.header('authorization') ?? '';
    const responses = await Promise.all(
      requests.map(async (sub) => {
        const url = new URL(
          `/v1.0${text(sub.url).startsWith('/') ? '' : '/'}${text(sub.url)}`,
          context.origin(),
        );
        const result = await call(url, text(sub.method, 'GET'), authorization, sub.body, ca());
        return {
          id: sub.id,
          status: result.status,
          headers: { 'content-type': 'application/json' },
          body: result.body,
        };
      }),
    );
    sendJson(res, 200, { responses });
  });
}

function call(
  url: URL,
  method: string,
  authorization: string,
  body: unknown,
  ca: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpsRequest(
      url,
      { method, ca, headers: { authorization, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 500, body: parsed });
        });
      },
    );
    req.on('error', () =>
      resolve({
        status: 503,
        body: { error: { code: 'ServiceUnavailable', message: 'The batched request failed.' } },
      }),
    );
    if (payload) req.write(payload);
    req.end();
  });
}
