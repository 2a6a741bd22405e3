import type { Clock } from './clock';

/** A rate limit as APIs document it: at most `count` requests in any `windowMs` window. */
export interface BudgetSpec {
  count: number;
  windowMs: number;
}

/**
 * A sliding-window rate budget shared by every caller of one limited API, so that retries,
 * backfills and on-demand reads together stay under the limit.
 */
export class RateBudget {
  private readonly spent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly spec: BudgetSpec,
    private readonly clock: Clock,
  ) {
    if (!(spec.count >= 1 && spec.windowMs > 0)) {
      throw new RangeError(`Budget ${name} needs count >= 1 and windowMs > 0`);
    }
  }

  /**
   * Waits for a free slot, then spends it. Callers are served first come, first served. The returned
   * function re-dates the slot to "now": call it when the response arrives, because the server counts
   * a request when it arrives, which may be later than when it was sent (a slow TLS handshake).
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A cancelled caller must not stall the ones queued behind it.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn.then((slot) => () => this.redate(slot));
  }

  /** Spends a slot only if one is free right now. */
  tryAcquire(): boolean {
    this.forgetExpired();
    if (this.spent.length >= this.spec.count) return false;
    this.spent.push(this.clock.now());
    return true;
  }

  /** Pushes the next free slot back, as a server's Retry-After asks. */
  deferUntil(epochMs: number): void {
    this.forgetExpired();
    const ghost = epochMs - this.spec.windowMs;
    while (this.spent.length < this.spec.count) this.spent.push(ghost);
    for (let i = 0; i < this.spent.length; i++) this.spent[i] = Math.max(this.spent[i] ?? ghost, ghost);
    this.spent.sort((a, b) => a - b);
  }

  /** Slots spent in the current window (for pacing decisions and tests). */
  inUse(): number {
    this.forgetExpired();
    return this.spent.length;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<number> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.tryAcquire()) return this.spent.at(-1) ?? this.clock.now();
      const oldest = this.spent[0] ?? this.clock.now();
      await this.clock.sleep(Math.max(1, oldest + this.spec.windowMs - this.clock.now()), signal);
    }
  }

  /** Moves one slot's timestamp to now, keeping the list ordered. */
  private redate(slot: number): void {
    const index = this.spent.indexOf(slot);
    if (index === -1) return;
    this.spent.splice(index, 1);
    this.spent.push(this.clock.now());
    this.spent.sort((a, b) => a - b);
  }

  private forgetExpired(): void {
    const horizon = this.clock.now() - this.spec.windowMs;
    while (this.spent.length && (this.spent[0] ?? 0) <= horizon) this.spent.shift();
  }
}

/** One budget per limited API, created on first use and shared afterwards. */
export class Budgets {
  private readonly byName = new Map<string, RateBudget>();

  constructor(
    private readonly clock: Clock,
    private readonly overrides: Record<string, BudgetSpec> = {},
  ) {}

  get(name: string, spec: BudgetSpec): RateBudget {
    let budget = this.byName.get(name);
    if (!budget) {
      budget = new RateBudget(name, this.overrides[name] ?? spec, this.clock);
      this.byName.set(name, budget);
    }
    return budget;
  }
}
