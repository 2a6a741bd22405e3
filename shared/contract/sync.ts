/** What one pass of every collector did: `scimwatch sync --once --json` prints it as it is. */
export interface SyncSummary {
  provisioningEvents: { ingested: number; total: number };
  entra: { users: number; groups: number; assignments: number };
  pulumi: { users: number; groups: number; teams: number | null };
  job: { status: 'Active' | 'Paused' | 'Quarantine' | 'NotRun' | 'NotConfigured' };
  errors: { source: string; code: string; message: string; hint?: string }[];
  startedAt: string;
  finishedAt: string;
}
