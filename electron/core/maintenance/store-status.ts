import type { SpaceReturn, StoreCheck, StoreInfo, StoreStatus } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import { countProvisioningEvents } from '../store/provisioning-events-repo';
import { needsConversion, readConversion } from '../store/store-conversion';
import { readStoreState } from '../store/store-state-repo';
import { defaultRetentionDays } from './retention';
import { lowDiskWarning, storeSize } from './store-size';

function spaceReturn(db: CoreContext['db']): SpaceReturn {
  if (!needsConversion(db)) return 'incremental';
  const conversion = readConversion(db);
  if (!conversion) return 'pending';
  return conversion.copiedAt ? 'ready' : 'copying';
}

/** The database as the status bar, Settings and `scimwatch status` show it; reads only headers and indexes. */
export function buildStoreStatus(context: Pick<CoreContext, 'db' | 'config'>): StoreStatus {
  const { db, config } = context;
  const state = readStoreState(db);
  const size = storeSize(db, config.databasePath);
  const lastCheck: StoreCheck | null =
    state.checkAt && state.checkKind && state.checkResult !== null
      ? {
          at: state.checkAt,
          kind: state.checkKind,
          ok: state.checkResult === 'ok',
          result: state.checkResult,
          ms: state.checkMs ?? 0,
        }
      : null;
  const warnings = [lowDiskWarning(size)].filter((w): w is string => w !== null);
  if (lastCheck && !lastCheck.ok)
    warnings.push(
      `The last integrity check found damage (${lastCheck.at}). Restore a backup with "scimwatch restore", or start a new database.`,
    );
  const oldest = db
    .prepare('SELECT activity_date_time FROM provisioning_events ORDER BY activity_date_time LIMIT 1')
    .pluck()
    .get() as string | undefined;
  return {
    path: config.databasePath,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    sizeBytes: size.fileBytes,
    usedBytes: size.usedBytes,
    growthBytesPerDay: size.growthBytesPerDay,
    diskFreeBytes: size.diskFreeBytes,
    provisioningEvents: countProvisioningEvents(db),
    oldestEventAt: oldest ?? null,
    retentionDays: currentSettings(context).retentionDays ?? defaultRetentionDays,
    lastCheck,
    checkDue: state.checkDue,
    lastPrune: state.prunedAt ? { at: state.prunedAt, rows: state.prunedRows ?? 0 } : null,
    spaceReturn: spaceReturn(db),
    warnings,
  };
}

const reportedPragmas = [
  'page_size',
  'page_count',
  'freelist_count',
  'auto_vacuum',
  'journal_mode',
  'application_id',
];

/** For a support ticket: migrations, SQLite's settings for the file, and rows per table. */
export function buildStoreInfo(context: Pick<CoreContext, 'db' | 'config'>): StoreInfo {
  const { db } = context;
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT LIKE 'event_search_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return {
    status: buildStoreStatus(context),
    sqliteVersion: db.prepare('SELECT sqlite_version()').pluck().get() as string,
    migrations: db
      .prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version')
      .all() as StoreInfo['migrations'],
    pragmas: Object.fromEntries(
      reportedPragmas.map((name) => [name, db.pragma(name, { simple: true }) as string | number]),
    ),
    rows: Object.fromEntries(
      tables.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]),
    ),
  };
}
