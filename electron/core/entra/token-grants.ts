import type { WriteAccess } from '../../../shared/contract';
import { explainMissingPermission, isPermitted } from '../../../shared/graph-permissions';

/** What a Graph access token grants: application `roles` or delegated `scp`, as its claims say. */
export interface TokenGrants {
  kind: 'application' | 'delegated';
  permissions: string[];
}

/** The document key the writer stores the latest grants under (read by `app.status`). */
export const grantsDocument = 'entra.grants';

/**
 * Reads the claims of a JWT access token without verifying it: Graph verifies it; ScimWatch only
 * wants to know what it may ask for, so that it never learns it by trying a write.
 */
export function grantsFromToken(token: string): TokenGrants | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      roles?: unknown;
      scp?: unknown;
    };
    if (Array.isArray(claims.roles))
      return { kind: 'application', permissions: claims.roles.filter((r) => typeof r === 'string') };
    if (typeof claims.scp === 'string')
      return { kind: 'delegated', permissions: claims.scp.split(' ').filter(Boolean) };
    return null;
  } catch {
    return null;
  }
}

/**
 * Whether retries and job actions may be offered. `Application.ReadWrite.OwnedBy` counts: ScimWatch
 * cannot see ownership in the token, and Graph's 403 names the permission if the app is not owned.
 */
export function writeAccessOf(grants: TokenGrants | null): WriteAccess {
  if (!grants)
    return {
      allowed: false,
      reason: 'ScimWatch has not signed in to Microsoft Graph yet, so it does not know what it may change.',
      source: 'unknown',
    };
  const source = grants.kind === 'application' ? 'roles' : 'scp';
  return isPermitted('synchronizationWrite', grants.kind, grants.permissions)
    ? { allowed: true, reason: null, source }
    : { allowed: false, reason: explainMissingPermission('synchronizationWrite', grants.kind), source };
}
