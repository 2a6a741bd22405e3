import type { ScimExchange } from './scim-target';

const statusNames: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/**
 * The log entry's errorCode for a failed SCIM exchange. Microsoft documents the connector prefix and
 * HTTP-status-style suffixes but not a per-status table, so the suffix follows the status name; the
 * app's classifier reads the reason's body rather than trusting this code.
 */
export function errorCodeFor(exchange: ScimExchange): string {
  if (exchange.status === 0) return 'WebExceptionProtocolError';
  // The object Entra linked is gone from the target (Entra's InvalidAnchor); a failed DELETE is not that.
  if (
    exchange.status === 404 &&
    exchange.method !== 'DELETE' &&
    /\/(Users|Groups)\/[^?]+$/.test(exchange.path)
  )
    return 'InvalidAnchor';
  return `SystemForCrossDomainIdentityManagement${statusNames[exchange.status] ?? 'ServiceIncompatible'}`;
}

/** The reason text in the shape Entra writes for SCIM targets: status name, then the raw body. */
export function reasonFor(exchange: ScimExchange, retried: number, nextRetry: Date): string {
  const status =
    exchange.status === 0 ? 'ServiceUnavailable' : (statusNames[exchange.status] ?? String(exchange.status));
  return (
    `StatusCode: ${status} Message: Processing of the HTTP request resulted in an exception. ` +
    `Please see the HTTP response returned by the 'Response' property of this exception for details. ` +
    `Web Response: ${exchange.body}. This operation was retried ${retried} times. ` +
    `It will be retried again after this date: ${nextRetry
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, '')} UTC`
  );
}

/** Whether a failure is the target's data problem (nonServiceFailure) or a service-side one. */
export function errorCategoryFor(exchange: ScimExchange): 'failure' | 'nonServiceFailure' {
  return exchange.status >= 400 && exchange.status < 500 && exchange.status !== 401 && exchange.status !== 429
    ? 'nonServiceFailure'
    : 'failure';
}
