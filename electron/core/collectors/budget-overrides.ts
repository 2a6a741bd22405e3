import type { BudgetSpec } from '../time/budget';

/** Graph's documented limit for the reports APIs (provisioning logs): 5 requests / 10 s per app and tenant. */
export const reportsBudget: BudgetSpec = { count: 5, windowMs: 10_000 };

/** Graph's limit on provisionOnDemand: 5 requests / 10 s. */
export const onDemandBudget: BudgetSpec = { count: 5, windowMs: 10_000 };

/**
 * The emulator tests shrink the reports window (the limit stays 5 per window) so that a minute of
 * pacing fits in seconds. Never set in production; ignored unless it is a positive number.
 */
export function budgetOverridesFrom(env: NodeJS.ProcessEnv): Record<string, BudgetSpec> {
  const windowMs = Number(env.SCIMWATCH_REPORTS_BUDGET_WINDOW_MS);
  // Likewise the wait before a pass asks a failed source again (SCIMWATCH_RETRY_DELAY_MS).
  const retryMs = Number(env.SCIMWATCH_RETRY_DELAY_MS);
  // provisionOnDemand's window, scaled with the emulator's, and how often sent retries are verified.
  const onDemandMs = Number(env.SCIMWATCH_ON_DEMAND_WINDOW_MS);
  const verifyMs = Number(env.SCIMWATCH_VERIFY_EVERY_MS);
  return {
    ...(windowMs > 0 ? { 'graph.reports': { ...reportsBudget, windowMs } } : {}),
    ...(retryMs > 0 ? { [passRetryKey]: { count: 1, windowMs: retryMs } } : {}),
    ...(onDemandMs > 0 ? { 'graph.onDemand': { ...onDemandBudget, windowMs: onDemandMs } } : {}),
    ...(verifyMs > 0 ? { [verifyKey]: { count: 1, windowMs: verifyMs } } : {}),
  };
}

/** The override key of the wait between verification passes of sent retries (its `windowMs`). */
export const verifyKey = 'actions.verify';

/** The override key of the wait between a pass's rounds (its `windowMs`). */
export const passRetryKey = 'collector.passRetry';
