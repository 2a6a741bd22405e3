import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../electron/core/time/clock';
import { Budgets, RateBudget } from '../../electron/core/time/budget';

describe('rate budgets', () => {
  it('allows count requests per window, then waits for the oldest to expire', async () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('graph.reports', { count: 5, windowMs: 10_000 }, clock);
    const granted: number[] = [];
    const all = Array.from({ length: 7 }, () => budget.acquire().then(() => granted.push(clock.now())));
    await clock.advance(0);
    expect(granted).toEqual([0, 0, 0, 0, 0]);
    await clock.advance(9_999);
    expect(granted).toHaveLength(5);
    await clock.advance(1);
    await Promise.all(all);
    expect(granted).toEqual([0, 0, 0, 0, 0, 10_000, 10_000]);
  });

  it('honours Retry-After by deferring every slot', async () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('x', { count: 3, windowMs: 1_000 }, clock);
    budget.deferUntil(5_000);
    expect(budget.tryAcquire()).toBe(false);
    await clock.advance(4_999);
    expect(budget.tryAcquire()).toBe(false);
    await clock.advance(1);
    expect(budget.tryAcquire()).toBe(true);
  });

  it('lets a cancelled waiter go without stalling the queue', async () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('x', { count: 1, windowMs: 1_000 }, clock);
    await budget.acquire();
    const controller = new AbortController();
    const cancelled = budget.acquire(controller.signal);
    const next = budget.acquire();
    controller.abort(new Error('stop'));
    await expect(cancelled).rejects.toThrow('stop');
    await clock.advance(1_000);
    await expect(next).resolves.toBeTypeOf('function');
  });

  it('shares one budget per name, with overrides for tests', () => {
    const budgets = new Budgets(new ManualClock(0), { reports: { count: 2, windowMs: 10 } });
    const a = budgets.get('reports', { count: 5, windowMs: 10_000 });
    expect(budgets.get('reports', { count: 5, windowMs: 10_000 })).toBe(a);
    expect(a.spec).toEqual({ count: 2, windowMs: 10 });
  });
});

describe('re-dating a slot when the answer arrives', () => {
  it('keeps the window measured from arrival, not from sending', async () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('x', { count: 1, windowMs: 1_000 }, clock);
    const answered = await budget.acquire();
    await clock.advance(300); // a slow handshake: the server saw the request only now
    answered();
    await clock.advance(800);
    expect(budget.tryAcquire()).toBe(false);
    await clock.advance(200);
    expect(budget.tryAcquire()).toBe(true);
  });
});
