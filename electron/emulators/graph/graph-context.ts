import type { ServerResponse } from 'node:http';

import { isPermitted, type GraphEndpoint } from '../../../shared/graph-permissions';
import type { EmulatorRequest } from '../http-kit';
import { sendGraphError } from './graph-errors';
import type { AccessGrant, TokenService } from './oauth/tokens';
import type { EmulatedTenant } from './tenant';
import type { SlidingWindowLimiter } from './throttle';

export interface GraphOptions {
  /** Provisioning-log page size when $top is absent, and the most one page may hold (undocumented by Microsoft). */
  logsTopDefault: number;
  logsTopMax: number;
  /** Directory lists (users, members, assignments). */
  directoryTopDefault: number;
  directoryTopMax: number;
}

/** What every Graph route needs: the tenant, the tokens, the limits and where the emulator lives. */
export interface GraphContext {
  tenant: EmulatedTenant;
  tokens: TokenService;
  origin: () => string;
  options: GraphOptions;
  reportsLimiter: SlidingWindowLimiter;
  onDemandLimiter: SlidingWindowLimiter;
}

/**
 * Checks the bearer token and the permission table for one endpoint. Answers 401/403 itself (in
 * Graph's words) and returns null, or returns the caller's grant.
 */
export function authorize(
  context: GraphContext,
  request: EmulatorRequest,
  response: ServerResponse,
  endpoint: GraphEndpoint,
  servicePrincipalId?: string,
): AccessGrant | null {
  const check = context.tokens.check(request.header('authorization'));
  if (!check.ok) {
    const message = {
      missing: 'Access token is empty.',
      invalid: 'Access token validation failure. Invalid signature.',
      expired: 'Lifetime validation failed, the token is expired.',
      revoked:
        'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenRevoked',
    }[check.reason];
    sendGraphError(response, 401, 'InvalidAuthenticationToken', message, {
      'www-authenticate': `Bearer realm="", authorization_uri="${context.origin()}/${context.tenant.tenantId}/oauth2/v2.0/authorize", error="invalid_token"`,
    });
    return null;
  }
  const { grant } = check;
  let permitted = isPermitted(endpoint, grant.kind, grant.permissions);
  // Application.ReadWrite.OwnedBy reaches only the apps this caller owns.
  if (
    permitted &&
    grant.kind === 'application' &&
    servicePrincipalId &&
    ownedByOnly(endpoint, grant.permissions)
  ) {
    permitted =
      context.tenant.servicePrincipals.get(servicePrincipalId)?.ownerAppIds.includes(grant.appId) ?? false;
  }
  if (!permitted) {
    sendGraphError(
      response,
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    return null;
  }
  return grant;
}

function ownedByOnly(endpoint: GraphEndpoint, permissions: string[]): boolean {
  const others = permissions.filter((p) => p !== 'Application.ReadWrite.OwnedBy');
  return (
    permissions.includes('Application.ReadWrite.OwnedBy') && !isPermitted(endpoint, 'application', others)
  );
}
