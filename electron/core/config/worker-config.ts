import type { Settings } from '../../../shared/contract';
import type { BudgetSpec } from '../time/budget';

/** Everything a core worker is started with; plain data, since it crosses a thread boundary. */
export interface WorkerConfig {
  role: 'writer' | 'reader';
  version: string;
  hostKind: 'desktop' | 'server' | 'cli';
  dataDir: string;
  profile: string;
  profilePinnedBy: string | null;
  databasePath: string;
  /** SCIMWATCH_DB overrides the active profile's file only. */
  databaseOverride: string | null;
  /** Settings from the environment (validated); they win over saved ones. */
  environmentSettings: Partial<Settings>;
  /** Path of better-sqlite3's addon for this runtime's ABI (Electron passes its own build). */
  nativeBinding: string | null;
  logLevel: Settings['logLevel'];
  /** Rate budgets replaced for emulator tests (SCIMWATCH_REPORTS_BUDGET_WINDOW_MS); empty otherwise. */
  budgetOverrides: Record<string, BudgetSpec>;
  /** A writer that also answers reads (one-shot commands start no reader). */
  servesReads: boolean;
  /** The built store-thread-worker.js (a file URL): integrity checks and conversion copies run there, off the writer's thread. */
  storeThreadEntry: string;
  logFile: string | null;
  /** Who acts on the tenant (retries, job actions): the OS user, or serve's operator; null refuses them. */
  actor: string | null;
}
