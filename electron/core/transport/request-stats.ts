/**
 * What a collector pass asked of Graph and Pulumi: every request sent, how many of those were
 * re-sends after a transient failure, and how many met one (429, 5xx, no usable answer).
 */
export class RequestStats {
  sent = 0;
  retried = 0;
  failed = 0;

  snapshot(): { sent: number; retried: number; failed: number } {
    return { sent: this.sent, retried: this.retried, failed: this.failed };
  }

  /** The counts since an earlier snapshot. */
  since(before: { sent: number; retried: number; failed: number }) {
    return {
      sent: this.sent - before.sent,
      retried: this.retried - before.retried,
      failed: this.failed - before.failed,
    };
  }
}

/** A status worth asking again: throttled, or the service briefly unavailable. */
export const isTransientStatus = (status: number) => status === 429 || status >= 500;
