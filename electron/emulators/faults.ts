/**
 * Fault injection for the Graph emulator: error rates, latency, dropped connections and truncated
 * bodies, drawn from a seeded generator so a failing test can be replayed.
 */
export interface FaultSettings {
  rate429: number;
  rate503: number;
  rate504: number;
  latencyMs: number;
  /** Share of responses cut off mid-body by destroying the socket. */
  dropRate: number;
  /** Share of JSON bodies sent incomplete (valid HTTP, broken JSON). */
  truncateRate: number;
  /** Retry-After seconds on injected 429/503. */
  retryAfterSeconds: number;
}

export const noFaults: FaultSettings = {
  rate429: 0,
  rate503: 0,
  rate504: 0,
  latencyMs: 0,
  dropRate: 0,
  truncateRate: 0,
  retryAfterSeconds: 1,
};

/** mulberry32: small, fast and good enough to make fault sequences reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision =
  { kind: 'none' } | { kind: 'status'; status: 429 | 503 | 504 } | { kind: 'drop' } | { kind: 'truncate' };

export class Faults {
  settings: FaultSettings = { ...noFaults };
  /** How many of each fault were injected (tests check that a fault really happened). */
  readonly injected = { 429: 0, 503: 0, 504: 0, drop: 0, truncate: 0 };
  private random: () => number;

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  reset(seed = 1): void {
    this.settings = { ...noFaults };
    this.random = seededRandom(seed);
  }

  decide(): FaultDecision {
    const decision = this.draw();
    if (decision.kind === 'status') this.injected[decision.status] += 1;
    else if (decision.kind !== 'none') this.injected[decision.kind] += 1;
    return decision;
  }

  private draw(): FaultDecision {
    const s = this.settings;
    const roll = this.random();
    let edge = s.rate429;
    if (roll < edge) return { kind: 'status', status: 429 };
    edge += s.rate503;
    if (roll < edge) return { kind: 'status', status: 503 };
    edge += s.rate504;
    if (roll < edge) return { kind: 'status', status: 504 };
    edge += s.dropRate;
    if (roll < edge) return { kind: 'drop' };
    edge += s.truncateRate;
    if (roll < edge) return { kind: 'truncate' };
    return { kind: 'none' };
  }
}
