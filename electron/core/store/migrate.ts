import type Database from 'better-sqlite3';

import { ScimWatchError } from '../../../shared/contract';

export interface Migration {
  version: number;
  name: string;
  sql?: string;
  /** Work SQL alone cannot do (e.g. packing each log entry); runs after `sql`, in the same transaction. */
  run?: (db: Database.Database) => void;
  /** It rebuilds a table: the file is backed up before it runs (see `MigrateOptions.beforeRewrite`). */
  rewritesTables?: boolean;
}

export interface MigrateOptions {
  now?: () => Date;
  /** Called before a migration that rewrites tables, outside any transaction: the backup goes here. */
  beforeRewrite?: (db: Database.Database, migration: Migration, fromVersion: number) => void;
}

/** The newest schema version a list of migrations builds. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Brings a database up to the newest schema, one transaction per migration, so a crash leaves the
 * file at a whole version. `user_version` is the schema version; `schema_migrations` is its history.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): number[] {
  const now = options.now ?? (() => new Date());
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration versions must be 1..n without gaps; found ${m.version}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > ordered.length) {
    throw new ScimWatchError(
      'database_refused',
      `This database was written by a newer ScimWatch (schema ${current}; this version knows ${ordered.length}).`,
      'Update ScimWatch, or point SCIMWATCH_DB at another file. The database was left untouched.',
    );
  }
  const applied: number[] = [];
  const pending = ordered.slice(current);
  const rewrite = pending.find((m) => m.rewritesTables);
  // One backup covers every pending migration: it holds the file as this version left it.
  if (rewrite && current > 0) options.beforeRewrite?.(db, rewrite, current);
  for (const migration of pending) {
    db.transaction(() => {
      if (migration.sql) db.exec(migration.sql);
      migration.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        now().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
