import type Database from 'better-sqlite3';

import { ScimWatchError } from '../../../shared/contract';

export interface Migration {
  version: number;
  name: string;
  sql: string;
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
  now = () => new Date(),
): number[] {
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
  for (const migration of ordered.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
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
