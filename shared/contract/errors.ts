import { z } from 'zod';

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
  'source_error',
  'unauthorized',
  'forbidden',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  hint: z.string(),
});

/** What a person reads: what happened (`message`) and what to do next (`hint`). */
export type ApiError = z.infer<typeof apiErrorSchema>;

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
  const parsed = apiErrorSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  return {
    code: 'internal',
    message: 'ScimWatch hit an unexpected internal error.',
    hint: 'Check the log for details; if it repeats, report it with the log attached.',
  };
}
