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
