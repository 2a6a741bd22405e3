import type Database from 'better-sqlite3';

import type { CoreContext } from '../../electron/core/context';

/** What StoreMaintenance reads of the core: the database, its path, the store's thread; a quiet log. */
export function maintenanceContext(
  db: Database.Database,
  path: string,
  storeThreadEntry: string,
): CoreContext {
  return {
    db,
    config: { databasePath: path, environmentSettings: {}, storeThreadEntry, nativeBinding: null },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as CoreContext;
}
