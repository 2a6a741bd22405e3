import type { ServerResponse } from 'node:http';

import { sendJson, type EmulatorRequest } from '../../http-kit';
import type { GraphContext } from '../graph-context';
import { sendGraphError } from '../graph-errors';
import type { JsonObject } from '../tenant-types';

/**
 * Sends one page of a directory list with an absolute https nextLink that carries the original query
 * plus an opaque offset token, as Graph's directory lists page.
 */
export function sendPage(
  context: GraphContext,
  request: EmulatorRequest,
  response: ServerResponse,
  items: JsonObject[],
  odataContext: string,
): void {
  const q = request.url.searchParams;
  const rawTop = q.get('$top');
  const top = rawTop === null ? context.options.directoryTopDefault : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > context.options.directoryTopMax) {
    return sendGraphError(
      response,
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${rawTop}'. Must be between 1 and ${context.options.directoryTopMax} inclusive.`,
    );
  }
  const offset = Number(Buffer.from(q.get('$skiptoken') ?? '', 'base64url').toString() || '0');
  const page = items.slice(offset, offset + top);
  const body: JsonObject = {
    '@odata.context': `${context.origin()}/v1.0/$metadata#${odataContext}`,
    value: page,
  };
  if (offset + top < items.length) {
    const next = new URL(request.url.pathname + request.url.search, context.origin());
    next.searchParams.set('$skiptoken', Buffer.from(String(offset + top)).toString('base64url'));
    body['@odata.nextLink'] = next.toString();
  }
  sendJson(response, 200, body);
}
