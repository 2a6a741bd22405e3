import type { GraphError } from '@microsoft/microsoft-graph-client';

import { ScimWatchError } from '../../../shared/contract';
import { explainMissingPermission, type GraphEndpoint } from '../../../shared/graph-permissions';
import { connectionCut } from '../transport/connection-cut';

/** Graph serves provisioning logs only to tenants with Entra ID P1/P2 (a finding of its own). */
export class LicenseMissing extends ScimWatchError {
  readonly problem = 'license_missing';
}

/** A 403 naming the permission ScimWatch's app registration lacks. */
export class PermissionMissing extends ScimWatchError {
  readonly problem = 'permission_missing';
}

/** A delta link Graph no longer honours (410 Gone): the caller reads everything again. */
export class DeltaTokenExpired extends ScimWatchError {
  constructor() {
    super(
      'source_error',
      'Microsoft Graph expired the saved delta token.',
      'ScimWatch reads the directory in full once, then follows changes again.',
    );
  }
}

/**
 * Turns what the Graph client throws into an error a person can act on. A 403 names the permission
 * from the shared table; a missing licence and an expired or revoked sign-in say so plainly.
 */
export function toScimWatchError(
  error: unknown,
  endpoint: GraphEndpoint,
  kind: 'application' | 'delegated',
): ScimWatchError {
  if (error instanceof ScimWatchError) return error;
  // The Graph client wraps whatever failed (a cut, broken JSON) as a GraphError with status -1 or the
  // answer's 200: only a status of 400 or more is Graph's own word.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400) {
    const { statusCode, code, message } = error as GraphError;
    if (code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
      return new LicenseMissing(
        'forbidden',
        'This tenant has no Microsoft Entra ID P1 or P2 licence, so Graph does not serve its provisioning logs.',
        'Provisioning logs need Entra ID P1/P2. ScimWatch can still compare Entra and Pulumi without them.',
      );
    }
    if (statusCode === 403) {
      return new PermissionMissing(
        'forbidden',
        `Microsoft Graph refused: ${message}`,
        explainMissingPermission(endpoint, kind),
      );
    }
    if (statusCode === 401) {
      return new ScimWatchError(
        'unauthorized',
        `Microsoft Graph did not accept the sign-in: ${message}`,
        'Sign in again, or check the client secret or certificate.',
      );
    }
    if (statusCode === 410) return new DeltaTokenExpired();
    if (statusCode === 429) {
      return new ScimWatchError(
        'source_error',
        'Microsoft Graph is throttling ScimWatch.',
        'ScimWatch waits and retries on its own; nothing to do.',
      );
    }
    if (statusCode === 404) {
      return new ScimWatchError(
        'source_error',
        `Microsoft Graph could not find it: ${message}`,
        'Check the service principal and job ids in Settings.',
      );
    }
    return new ScimWatchError(
      'source_error',
      `Microsoft Graph answered ${statusCode || 'with an error'}: ${message || code}`,
      'ScimWatch retries on the next poll.',
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  if (connectionCut(error)) {
    return new ScimWatchError(
      'source_error',
      `Microsoft Graph's answer was cut off: ${text}`,
      'ScimWatch asked again and retries on the next poll; check the network or proxy if it persists.',
    );
  }
  if (/JSON|Unexpected end|Unterminated/i.test(text)) {
    return new ScimWatchError(
      'source_error',
      'Microsoft Graph sent an incomplete or malformed response.',
      'ScimWatch retries on the next poll.',
    );
  }
  return new ScimWatchError(
    'source_error',
    `Could not reach Microsoft Graph: ${text}`,
    'Check the network, proxy and SCIMWATCH_GRAPH_URL.',
  );
}
