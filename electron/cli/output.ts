import { toApiError, ScimWatchError } from '../../shared/contract/errors';

/** Prints an error as one line on stderr: what happened, then what to do. */
export function printError(
  error: unknown,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): void {
  const apiError =
    error instanceof ScimWatchError || (typeof error === 'object' && error && 'code' in error)
      ? toApiError(error)
      : { message: error instanceof Error ? error.message : String(error), hint: '' };
  write(`scimwatch: ${apiError.message}${apiError.hint ? ` ${apiError.hint}` : ''}`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}
