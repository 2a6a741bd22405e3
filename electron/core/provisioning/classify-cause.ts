import type { FailureCause } from '../../../shared/finding-kinds';

export interface FailureInput {
  errorCode: string | null;
  reason: string | null;
  action: string;
}

export interface ScimErrorBody {
  status?: string | number;
  scimType?: string;
  detail?: string;
  [other: string]: unknown;
}

/**
 * The target's response body Entra quotes in `reason` ("… Web Response: {…}. This operation …").
 * Read by matching braces, since `detail` may itself contain ". " or quotes. Null when absent or
 * not JSON (the classifier then falls back to the error code alone).
 */
export function webResponseBody(reason: string | null): ScimErrorBody | null {
  const start = reason?.indexOf('Web Response: {') ?? -1;
  if (!reason || start < 0) return null;
  const open = reason.indexOf('{', start);
  let depth = 0;
  let inString = false;
  for (let i = open; i < reason.length; i++) {
    const char = reason[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      try {
        const parsed: unknown = JSON.parse(reason.slice(open, i + 1));
        return parsed && typeof parsed === 'object' ? (parsed as ScimErrorBody) : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

const statusIn = (status: number, ...codes: number[]) => codes.includes(status);

/**
 * Why a provisioning attempt failed, from Entra's errorCode and Pulumi's answer quoted in `reason`.
 * The body decides where it can (Microsoft documents no per-status error code table, and the same
 * 400 means six different things); the error code covers Entra-side failures with no body.
 */
export function classifyCause({ errorCode, reason, action }: FailureInput): FailureCause {
  const code = errorCode ?? '';
  const body = webResponseBody(reason);
  const detail = String(body?.detail ?? '');
  const status = Number(body?.status ?? /StatusCode: (\w+)/.exec(reason ?? '')?.[1] ?? NaN);
  const type = String(body?.scimType ?? '');

  if (code === 'MandatoryFieldsMissing' || /required attribute\(s\)/i.test(reason ?? ''))
    return 'missing_required_value';
  if (code === 'InvalidAnchor') return 'invalid_anchor';
  if (statusIn(status, 401) || /Unauthorized/.test(code)) return 'unauthorized';
  if (statusIn(status, 429) || /TooManyRequests/.test(code)) return 'rate_limited';
  if (statusIn(status, 500, 502, 503, 504) || /ServiceUnavailable|GatewayTimeout|WebException/.test(code))
    return 'target_unavailable';
  if (action === 'delete' && (statusIn(status, 404, 405) || /NotFound|MethodNotAllowed/.test(code)))
    return 'user_delete_unsupported';
  if (type === 'uniqueness' && /email/i.test(detail)) return 'email_in_use';
  if (type === 'uniqueness' || /already exists/i.test(detail)) return 'username_taken';
  if (type === 'immutability' || /immutable/i.test(detail)) return 'username_immutable';
  if (type === 'invalidPath' || /unknown path|not supported attribute/i.test(detail))
    return 'unknown_attribute';
  if (/characters or less|too long/i.test(detail)) return 'team_name_too_long';
  if (/invalid members/i.test(detail)) return 'invalid_team_members';
  return 'unknown';
}

/** The limit a "must be N characters or less" answer states (the reconciliation prefers it to 100). */
export function reportedNameLimit(reason: string | null): number | null {
  const match = /must be (\d+) characters or less/i.exec(webResponseBody(reason)?.detail ?? reason ?? '');
  return match ? Number(match[1]) : null;
}
