import type { ErrorCode } from '../../shared/contract';

/** The HTTP status each contract error travels with; the body always carries the full error. */
export const httpStatusFor: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  unknown_method: 404,
  not_found: 404,
  profile_unknown: 404,
  profile_locked: 409,
  profile_pinned: 409,
  not_configured: 409,
  database_refused: 409,
  disk_full: 507,
  not_implemented: 501,
  source_error: 502,
  unavailable: 503,
  internal: 500,
};
