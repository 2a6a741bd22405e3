/** A sliding window per caller (app id), as Graph's reports and on-demand limits are "per app per tenant". */
export class SlidingWindowLimiter {
  private readonly calls = new Map<string, number[]>();
  /** How many calls were refused so far (tests check that a paced client caused none). */
  rejected = 0;
  /** When each allowed call arrived (tests check that pacing filled the windows without overfilling them). */
  readonly accepted: number[] = [];

  constructor(
    public count: number,
    public windowMs: number,
  ) {}

  /** Counts the call if allowed; otherwise returns the seconds until a slot frees up. */
  take(caller: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const recent = (this.calls.get(caller) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.count) {
      this.calls.set(caller, recent);
      this.rejected += 1;
      const oldest = recent[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.accepted.push(now);
    this.calls.set(caller, recent);
    return { allowed: true };
  }
}
