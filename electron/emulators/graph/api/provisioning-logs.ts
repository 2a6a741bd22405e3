import type { ServerResponse } from 'node:http';

import { sendJson, type EmulatorRequest, type Router } from '../../http-kit';
import { authorize, type GraphContext } from '../graph-context';
import { sendGraphError } from '../graph-errors';
import { keyOf, pageAcross, type LogKey } from '../log-source';
import type { JsonObject } from '../tenant-types';
import { FilterError, parseProvisioningFilter } from './provisioning-filter';

interface PageState {
  filter: string;
  order: 'asc' | 'desc';
  top: number;
  /** The last entry served: the next page starts strictly after it. */
  after: LogKey;
}

const encodeState = (state: PageState) => Buffer.from(JSON.stringify(state)).toString('base64url');

function decodeState(token: string): PageState | null {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageState;
    return typeof state.filter === 'string' && Array.isArray(state.after) ? state : null;
  } catch {
    return null;
  }
}

/** GET /v1.0/auditLogs/provisioning with $filter, $orderby, $top and keyset $skiptoken paging. */
function listProvisioningLogs(
  context: GraphContext,
  request: EmulatorRequest,
  response: ServerResponse,
): void {
  const grant = authorize(context, request, response, 'provisioningLogs');
  if (!grant) return;
  if (!context.tenant.licensed) {
    return sendGraphError(
      response,
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    );
  }
  const throttled = context.reportsLimiter.take(grant.appId);
  if (!throttled.allowed) {
    return sendGraphError(response, 429, 'TooManyRequests', 'Too many requests, please retry later.', {
      'retry-after': String(throttled.retryAfterSeconds),
    });
  }
  const q = request.url.searchParams;
  let state: Omit<PageState, 'after'> & { after: PageState['after'] | null };
  const skiptoken = q.get('$skiptoken');
  if (skiptoken) {
    const decoded = decodeState(skiptoken);
    if (!decoded) return sendGraphError(response, 400, 'BadRequest', 'Invalid $skiptoken.');
    state = decoded;
  } else {
    const orderby = (q.get('$orderby') ?? 'activityDateTime desc').trim();
    const order = /^activityDateTime(\s+(asc|desc))?$/i.exec(orderby);
    if (!order) return sendGraphError(response, 400, 'BadRequest', `$orderby "${orderby}" is not supported.`);
    const rawTop = q.get('$top');
    const top = rawTop === null ? context.options.logsTopDefault : Number(rawTop);
    if (!Number.isInteger(top) || top < 1)
      return sendGraphError(response, 400, 'BadRequest', 'Invalid $top value.');
    state = {
      filter: q.get('$filter') ?? '',
      order: (order[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc',
      // Like the real service, a larger $top is quietly capped: callers must follow nextLinks.
      top: Math.min(top, context.options.logsTopMax),
      after: null,
    };
  }
  let clauses;
  try {
    clauses = parseProvisioningFilter(state.filter);
  } catch (error) {
    if (error instanceof FilterError)
      return sendGraphError(response, 400, 'BadRequest', `Invalid filter clause: ${error.message}`);
    throw error;
  }
  const { tenant } = context;
  const sources = tenant.history ? [tenant.history, tenant.log] : [tenant.log];
  const page = pageAcross(sources, { clauses, order: state.order, after: state.after, limit: state.top });
  const last = page.entries.at(-1);
  const body: JsonObject = {
    '@odata.context': `${context.origin()}/v1.0/$metadata#auditLogs/provisioning`,
    value: page.entries,
  };
  if (page.more && last) {
    const next = encodeState({
      filter: state.filter,
      order: state.order,
      top: state.top,
      after: keyOf(last),
    });
    body['@odata.nextLink'] = `${context.origin()}/v1.0/auditLogs/provisioning?$skiptoken=${next}`;
  }
  sendJson(response, 200, body);
}

export function registerProvisioningLogs(router: Router, context: GraphContext): void {
  router.on('GET', '/v1.0/auditLogs/provisioning', (req, res) => listProvisioningLogs(context, req, res));
}
