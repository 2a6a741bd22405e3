import type * as z from 'zod';

import { ScimWatchError } from '../../../shared/contract';
import { connectionCut } from '../transport/connection-cut';
import { isTransientStatus } from '../transport/request-stats';
import { TransientReadError, retryAfterMs } from './read-with-retries';

/** A throttled or unavailable answer, as an error worth asking again. */
export function transientAnswer(response: Response, what: string): TransientReadError | null {
  if (!isTransientStatus(response.status)) return null;
  return new TransientReadError(
    `Pulumi answered ${response.status} for ${what}.`,
    'ScimWatch asks again, and retries on the next poll.',
    retryAfterMs(response),
  );
}

/** A SCIM error from Pulumi, with its fields kept for the classifier (status as sent: string or number). */
export class PulumiScimError extends ScimWatchError {
  constructor(
    readonly status: number,
    readonly scimType: string | null,
    readonly detail: string,
  ) {
    super(
      status === 401 ? 'unauthorized' : 'source_error',
      `Pulumi's SCIM service answered ${status}${scimType ? ` (${scimType})` : ''}: ${detail}`,
      status === 401
        ? 'The SCIM token was refused: it was probably regenerated in Pulumi. Enter the current token in ScimWatch and in the Entra app.'
        : 'See the finding for this error for the fix.',
    );
  }
}

/** Reads a SCIM error body: `status` may be "409" (RFC, current docs) or 409 (older docs). */
export function parseScimError(httpStatus: number, body: unknown): PulumiScimError {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const status = Number(record.status ?? httpStatus) || httpStatus;
  const scimType = typeof record.scimType === 'string' ? record.scimType : null;
  const detail = typeof record.detail === 'string' ? record.detail : `HTTP ${httpStatus}`;
  return new PulumiScimError(status, scimType, detail);
}

/** Reads and checks a JSON body; a malformed one becomes a clear source error, never a crash later. */
export async function readJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new TransientReadError(
      `Pulumi sent an incomplete or malformed response for ${what}.`,
      'ScimWatch asks again, and retries on the next poll.',
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScimWatchError(
      'source_error',
      `Pulumi's response for ${what} has an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}).`,
      'If this persists, Pulumi may have changed its API; report it with the log attached.',
    );
  }
  return parsed.data;
}

/** A network failure (refused, reset, dropped mid-body) as a contract error. */
export function unreachable(what: string, error: unknown): ScimWatchError {
  if (error instanceof ScimWatchError) return error;
  const reason =
    error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  const message = `Could not reach Pulumi for ${what}: ${reason}`;
  const hint = 'Check the network, proxy and SCIMWATCH_PULUMI_API_URL.';
  // A connection cut mid-answer may pass; a name that does not resolve or a refused connection will not.
  return connectionCut(error)
    ? new TransientReadError(message, hint)
    : new ScimWatchError('source_error', message, hint);
}
