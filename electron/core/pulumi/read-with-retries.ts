import { ScimWatchError } from '../../../shared/contract';
import type { RequestStats } from '../transport/request-stats';

/** A read that may well succeed if asked again: throttled, briefly unavailable, cut off, or garbled. */
export class TransientReadError extends ScimWatchError {
  constructor(
    message: string,
    hint: string,
    /** What the server asked for (Retry-After), when it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super('source_error', message, hint);
  }
}

/** Retry-After in seconds or as a date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(response: Response): number | null {
  const value = response.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const maxAttempts = 4;
const baseDelayMs = 200;
const maxDelayMs = 10_000;

/**
 * Runs an idempotent read, asking again after a transient failure (at most four attempts, waiting as
 * the server asked or 200 ms doubling, never over 10 s). Anything else — a refused token, a SCIM
 * error — is answered at once: asking again would not change it.
 */
export async function readWithRetries<T>(stats: RequestStats, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof TransientReadError) || attempt >= maxAttempts) throw error;
      const backoff = baseDelayMs * 2 ** (attempt - 1);
      const wait = Math.min(maxDelayMs, error.retryAfterMs ?? backoff);
      stats.retried += 1;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
