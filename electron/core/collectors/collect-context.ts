import type Database from 'better-sqlite3';

import type { EventName, EventPayload } from '../../../shared/contract';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';

/** What every collector works with: the writer's connection, the clock, events and the log. */
export interface CollectContext {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export const isoNow = (clock: Clock) => new Date(clock.now()).toISOString();

/** Stores a small document read whole (the resolved target, the org's flags), replacing the last one. */
export function saveDocument(db: Database.Database, key: string, body: unknown, at: string): void {
  db.prepare(
    `INSERT INTO source_documents (key, body, read_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET body = excluded.body, read_at = excluded.read_at`,
  ).run(key, JSON.stringify(body), at);
}

export function readDocument<T>(db: Database.Database, key: string): T | null {
  const row = db.prepare('SELECT body FROM source_documents WHERE key = ?').get(key) as
    { body: string } | undefined;
  return row ? (JSON.parse(row.body) as T) : null;
}
