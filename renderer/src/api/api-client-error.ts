import type { ApiError, ErrorCode } from '../../../shared/contract';

/** A contract error as the renderer receives it: code, message and hint for the person. */
export class ApiClientError extends Error implements ApiError {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiClientError';
    this.code = error.code;
    this.hint = error.hint;
  }
}
