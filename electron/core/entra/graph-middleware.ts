import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import type { Clock } from '../time/clock';
import type { RateBudget } from '../time/budget';
import { connectionCut } from '../transport/connection-cut';
import type { HostBoundClient } from '../transport/host-bound-client';
import type { RequestStats } from '../transport/request-stats';

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
 * Reads a GET's answer whole before the Graph client sees it, and asks again (at most four times,
 * 200 ms doubling) when the connection was cut or the JSON came incomplete: the RetryHandler only
 * retries statuses, and a directory read is hundreds of GETs, so one cut would otherwise fail it all.
 */
export class WholeAnswerHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly stats: RequestStats,
    private readonly maxAttempts = 4,
    private readonly baseDelayMs = 200,
  ) {}

  async execute(context: Context): Promise<void> {
    const method = (context.options?.method ?? 'GET').toUpperCase();
    if (method !== 'GET') return this.next?.execute(context);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.next?.execute(context);
        if (context.response) context.response = await wholeAnswer(context.response);
        return;
      } catch (error) {
        if (!(connectionCut(error) || error instanceof IncompleteAnswer) || attempt >= this.maxAttempts)
          throw error;
        this.stats.retried += 1;
        await new Promise((resolve) => setTimeout(resolve, this.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

class IncompleteAnswer extends Error {
  constructor() {
    super('Microsoft Graph sent an incomplete JSON answer.');
  }
}

/** The answer with its body read to the end (a cut throws here) and, when JSON, known to parse. */
async function wholeAnswer(response: Response): Promise<Response> {
  const { status, statusText, headers } = response;
  const body = await response.arrayBuffer();
  if (body.byteLength === 0 || status === 204 || status === 205 || status === 304)
    return new Response(null, { status, statusText, headers });
  if (/json/i.test(headers.get('content-type') ?? '')) {
    try {
      JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new IncompleteAnswer();
    }
  }
  return new Response(body, { status, statusText, headers });
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
