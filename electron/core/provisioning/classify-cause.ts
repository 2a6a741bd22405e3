import type { FailureCause } from '../../../shared/finding-kinds';

export interface FailureInput {
  errorCode: string | null;
  reason: string | null;
  action: string;
  /** What the store knows of the object, when it knows it: an Entra user with no mail to send. */
  known?: { userWithoutMail?: boolean };
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

/** The HTTP status names Entra writes after "StatusCode:", as numbers. */
const statusNames: Record<string, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  PreconditionFailed: 412,
  TooManyRequests: 429,
  InternalServerError: 500,
  NotImplemented: 501,
  BadGateway: 502,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
};

/** The status of Pulumi's answer: the SCIM body's (a string or a number), else Entra's "StatusCode: …". */
function statusOf(body: ScimErrorBody | null, reason: string | null): number {
  const fromBody = Number(body?.status);
  if (Number.isInteger(fromBody) && fromBody > 0) return fromBody;
  const quoted = /StatusCode:\s*"?(\w+)"?/.exec(reason ?? '')?.[1] ?? '';
  return /^\d+$/.test(quoted) ? Number(quoted) : (statusNames[quoted] ?? NaN);
}

/** Causes the structured parts decide alone: Entra's error code, the HTTP status, the action. */
function fromStructure(code: string, status: number, action: string): FailureCause | null {
  if (code === 'MandatoryFieldsMissing') return 'missing_required_value';
  if (code === 'InvalidAnchor') return 'invalid_anchor';
  if (statusIn(status, 401) || /Unauthorized/.test(code)) return 'unauthorized';
  if (statusIn(status, 429) || /TooManyRequests/.test(code)) return 'rate_limited';
  if (statusIn(status, 500, 502, 503, 504) || /ServiceUnavailable|GatewayTimeout|WebException/.test(code))
    return 'target_unavailable';
  if (action === 'delete' && (statusIn(status, 404, 405) || /NotFound|MethodNotAllowed/.test(code)))
    return 'user_delete_unsupported';
  return null;
}

/** Causes the SCIM error type decides, with the detail naming which attribute collided. */
function fromScimType(type: string, detail: string, status: number): FailureCause | null {
  if (type === 'uniqueness' || (statusIn(status, 409) && !type))
    return /e-?mail/i.test(detail) ? 'email_in_use' : 'username_taken';
  if (type === 'mutability' || type === 'immutability') return 'username_immutable';
  if (type === 'invalidPath') return 'unknown_attribute';
  return null;
}

/** Last, the words Pulumi is known to use (status and type absent or too general to decide). */
function fromWords(reason: string, detail: string): FailureCause {
  if (/required attribute\(s\)/i.test(reason)) return 'missing_required_value';
  if (/already (exists|in use)|is taken/i.test(detail))
    return /e-?mail/i.test(detail) ? 'email_in_use' : 'username_taken';
  if (/immutable|cannot be (changed|modified)/i.test(detail)) return 'username_immutable';
  if (/unknown path|not supported attribute|unsupported attribute/i.test(detail)) return 'unknown_attribute';
  if (/characters or less|too long/i.test(detail)) return 'team_name_too_long';
  if (/invalid (team )?members?/i.test(detail)) return 'invalid_team_members';
  return 'unknown';
}

/**
 * Why a provisioning attempt failed. Structure first — Entra's errorCode, the HTTP status (quoted as a
 * string or a number), the SCIM `scimType`, the action, and what the store knows of the object —
 * then the words of Pulumi's detail. Microsoft documents no per-status table, and the same 400 means
 * six different things, so words decide only what structure cannot.
 */
export function classifyCause({ errorCode, reason, action, known }: FailureInput): FailureCause {
  const code = errorCode ?? '';
  const body = webResponseBody(reason);
  const detail = String(body?.detail ?? '');
  const status = statusOf(body, reason);
  const structural = fromStructure(code, status, action);
  if (structural) return structural;
  // A user Entra tried to create without the email Pulumi requires fails with a 400, whatever its words.
  if (action === 'create' && statusIn(status, 400) && known?.userWithoutMail) return 'missing_required_value';
  return (
    fromScimType(String(body?.scimType ?? ''), detail, status) ??
    fromWords(reason ?? '', detail || (reason ?? ''))
  );
}

/** The limit a "must be N characters or less" answer states (the reconciliation prefers it to 100). */
export function reportedNameLimit(reason: string | null): number | null {
  const match = /must be (\d+) characters or less/i.exec(webResponseBody(reason)?.detail ?? reason ?? '');
  return match ? Number(match[1]) : null;
}
