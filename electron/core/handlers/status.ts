import { statSync } from 'node:fs';

import type { AppStatus, SourceStatus } from '../../../shared/contract';
import { missingSettings } from '../config/completeness';
import { effectiveSettings, settingValues } from '../config/effective-settings';
import { demoProfile } from '../profiles/profile-registry';
import { readSavedSettings } from '../store/settings-repo';
import type { HandlerContext, HandlerTable } from './context';

interface PollRow {
  source: string;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  next_run_at: string | null;
  items_fetched: number | null;
}

/** Folds the poll state of one side's collectors into the health the status bar shows. */
function sourceStatus(rows: PollRow[], configured: boolean): SourceStatus {
  const latest = (pick: (r: PollRow) => string | null) =>
    rows
      .map(pick)
      .filter((v): v is string => v !== null)
      .sort()
      .at(-1) ?? null;
  const lastSuccessAt = latest((r) => r.last_success_at);
  const lastErrorAt = latest((r) => r.last_error_at);
  const failing = rows.filter(
    (r) => r.last_error_at && (!r.last_success_at || r.last_error_at > r.last_success_at),
  );
  const health: SourceStatus['health'] = !configured
    ? 'not_configured'
    : rows.length === 0
      ? 'never_polled'
      : failing.length === 0
        ? 'ok'
        : failing.length === rows.length
          ? 'error'
          : 'degraded';
  return {
    health,
    lastSuccessAt,
    lastErrorAt,
    lastError: failing[0]?.last_error ?? null,
    collectors: rows.map((r) => ({
      source: r.source,
      lastSuccessAt: r.last_success_at,
      lastErrorAt: r.last_error_at,
      lastError: r.last_error,
      nextRunAt: r.next_run_at,
      itemsFetched: r.items_fetched,
    })),
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  } catch {
    return 0;
  }
}

/** The whole status the UI's status bar and `scimwatch status` show. */
export async function buildStatus(context: HandlerContext): Promise<AppStatus> {
  const { db, config, host } = context;
  const settings = settingValues(effectiveSettings(config.environmentSettings, readSavedSettings(db)));
  const secrets = await host.secretStates(config.profile);
  const storage = await host.secretStorage();
  const isDemo = config.profile === demoProfile;
  const missing = isDemo ? [] : missingSettings(settings, (name) => secrets[name].set);
  const polls = db
    .prepare(
      'SELECT source, last_success_at, last_error_at, last_error, next_run_at, items_fetched FROM poll_state ORDER BY source',
    )
    .all() as PollRow[];
  const configured = missing.length === 0;
  const eventCount = (db.prepare('SELECT count(*) AS n FROM provisioning_events').get() as { n: number }).n;
  return {
    version: config.version,
    host: config.hostKind,
    profile: { name: config.profile, mode: isDemo ? 'demo' : 'live', active: true, missing },
    profilePinnedBy: config.profilePinnedBy,
    sources: {
      entra: sourceStatus(
        polls.filter((p) => p.source.startsWith('entra.')),
        configured,
      ),
      pulumi: sourceStatus(
        polls.filter((p) => p.source.startsWith('pulumi.')),
        configured,
      ),
    },
    database: {
      path: config.databasePath,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      sizeBytes: fileSize(config.databasePath),
      provisioningEvents: eventCount,
    },
    secretStorage: storage,
    generatedAt: new Date().toISOString(),
  };
}

export const statusHandlers: HandlerTable = {
  'app.status': (_input, context) => buildStatus(context),
};
