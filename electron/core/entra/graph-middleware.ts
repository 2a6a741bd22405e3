import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import type { Clock } from '../time/clock';
import type { RateBudget } from '../time/budget';
import type { HostBoundClient } from '../transport/host-bound-client';

/** Chooses the budget a request draws from (e.g. the reports budget for audit logs), or none. */
export type BudgetFor = (url: URL) => RateBudget | undefined;

/**
 * Sits after the RetryHandler, so every attempt — retries included — waits for its budget; a 429's
 * Retry-After pushes the whole budget back, so other callers of the same API wait too.
 */
export class PacingHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly budgetFor: BudgetFor,
    private readonly clock: Clock,
  ) {}

  async execute(context: Context): Promise<void> {
    const budget = this.budgetFor(new URL(requestUrl(context)));
    const answered = await budget?.acquire();
    try {
      await this.next?.execute(context);
    } finally {
      answered?.();
    }
    if (budget && context.response?.status === 429) {
      const seconds = Number(context.response.headers.get('retry-after'));
      if (Number.isFinite(seconds) && seconds > 0) budget.deferUntil(this.clock.now() + seconds * 1000);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The end of the chain: sends through the transport factory's host-bound client instead of the
 * global fetch, so the CA bundle, proxy and "credentials only to the configured host" rules apply.
 */
export class TransportHandler implements Middleware {
  constructor(private readonly client: HostBoundClient) {}

  async execute(context: Context): Promise<void> {
    const init = (context.options ?? {}) as RequestInit;
    const headers = new Headers(init.headers);
    const authorization = headers.get('authorization');
    headers.delete('authorization');
    context.response = await this.client.request(
      requestUrl(context),
      { ...init, headers },
      authorization ?? undefined,
    );
  }
}

function requestUrl(context: Context): string {
  return typeof context.request === 'string' ? context.request : (context.request as Request).url;
}
