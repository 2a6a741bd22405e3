/** What one pass of every collector did: `scimwatch sync --once --json` prints it as it is. */
export interface SyncSummary {
  provisioningEvents: { ingested: number; total: number };
  entra: { users: number; groups: number; assignments: number };
  pulumi: { users: number; groups: number; teams: number | null };
  job: { status: 'Active' | 'Paused' | 'Quarantine' | 'NotRun' | 'NotConfigured' };
  errors: { source: string; code: string; message: string; hint?: string }[];
  /**
   * Requests to Graph and Pulumi in this pass: sent (every one), retried (re-sends after a transient
   * failure), failed (met a 429, a 5xx or no usable answer).
   */
  requests: { sent: number; retried: number; failed: number };
  startedAt: string;
  finishedAt: string;
}
