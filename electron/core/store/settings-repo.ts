import type Database from 'better-sqlite3';

import { settingKeys, settingsShape, type SettingKey, type Settings } from '../../../shared/contract';

/** Saved (non-secret) settings of the profile this database belongs to. Invalid saved values are ignored. */
export function readSavedSettings(db: Database.Database): Partial<Settings> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const saved: Partial<Record<SettingKey, unknown>> = {};
  for (const row of rows) {
    if (!(settingKeys as readonly string[]).includes(row.key)) continue;
    const key = row.key as SettingKey;
    try {
      const parsed = settingsShape[key].safeParse(JSON.parse(row.value));
      if (parsed.success) saved[key] = parsed.data;
    } catch {
      // A hand-edited, unreadable value: treat as unset rather than refuse to start.
    }
  }
  return saved as Partial<Settings>;
}

/** Applies an update in one transaction: a value saves it, null removes it, absent leaves it. */
export function writeSettings(
  db: Database.Database,
  changes: Partial<Record<SettingKey, unknown>>,
  now = new Date(),
): void {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null) remove.run(key);
      else upsert.run(key, JSON.stringify(value), now.toISOString());
    }
  })();
}
