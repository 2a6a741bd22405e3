/** Every error that crosses the contract, whatever the host, carries one of these codes. */
export const errorCodes = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'not_implemented',
  'not_configured',
  'profile_locked',
  'profile_pinned',
  'profile_unknown',
  'database_refused',
  'disk_full',
  'source_error',
  'unauthorized',
  'forbidden',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What a person reads: what happened (`message`) and what to do next (`hint`). */
export interface ApiError {
  code: ErrorCode;
  message: string;
  hint: string;
}

/** True for a value already shaped as a contract error (one that crossed IPC or HTTP). */
function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, hint } = value as Record<string, unknown>;
  return (
    (errorCodes as readonly unknown[]).includes(code) &&
    typeof message === 'string' &&
    typeof hint === 'string'
  );
}

/** An error that already knows how to present itself across the contract. */
export class ScimWatchError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint: string) {
    super(message);
    this.name = 'ScimWatchError';
    this.code = code;
    this.hint = hint;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Turns anything thrown into a contract error without leaking stack traces or internals. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ScimWatchError) return error.toApiError();
  if (isApiError(error)) return { code: error.code, message: error.message, hint: error.hint };
  return {
    code: 'internal',
    message: 'ScimWatch hit an unexpected internal error.',
    hint: 'Check the log for details; if it repeats, report it with the log attached.',
  };
}
