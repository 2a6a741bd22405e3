import type { StoreStatus } from './store';
import type { WriteAccess } from './actions';

/** Health of one side of the wire, as the dashboard's status bar shows it. */
export type SourceHealth = 'ok' | 'degraded' | 'error' | 'not_configured' | 'never_polled';

/** One collector of a side (provisioning logs, job, directory, SCIM, REST). */
export interface CollectorStatus {
  source: string;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  /** The last error in words a person can act on; null once the source succeeds again. */
  lastError: string | null;
  nextRunAt: string | null;
  itemsFetched: number | null;
}

export interface SourceStatus {
  health: SourceHealth;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  collectors: CollectorStatus[];
}

export type ProfileMode = 'demo' | 'live';

export interface ProfileSummary {
  name: string;
  mode: ProfileMode;
  active: boolean;
  /** Setting names still missing before this profile can poll (empty when complete or demo). */
  missing: string[];
}

export interface AppStatus {
  version: string;
  host: 'desktop' | 'server' | 'cli';
  profile: ProfileSummary;
  /** Set when SCIMWATCH_PROFILE pins the profile, so the UI can explain why switching is disabled. */
  profilePinnedBy: string | null;
  sources: { entra: SourceStatus; pulumi: SourceStatus };
  database: StoreStatus;
  secretStorage: { backend: string; warning: string | null };
  /** Whether retries and job actions are offered, and who is recorded as acting. */
  actions: WriteAccess & { actor: string | null };
  generatedAt: string;
}
