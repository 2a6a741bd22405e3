import type * as z from 'zod';

import { ScimWatchError } from './errors';
import { requests, type MethodName, type ParsedInputOf } from './requests';

/** Validates a request's input against the contract, or throws an `invalid_input` error naming each problem. */
export function parseInput<M extends MethodName>(method: M, input: unknown): ParsedInputOf<M> {
  const result = requests[method].input.safeParse(input);
  if (result.success) return result.data as ParsedInputOf<M>;
  throw new ScimWatchError(
    'invalid_input',
    `Invalid input for ${method}: ${describeIssues(result.error)}`,
    'Correct the values named above and try again.',
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
