/** Exit codes of every command: cron jobs and CI scripts branch on these. */
export const exitCodes = {
  ok: 0,
  /** A source, configuration or usage error. It wins over a threshold. */
  error: 1,
  /** A --fail-on threshold was reached. */
  threshold: 2,
} as const;
