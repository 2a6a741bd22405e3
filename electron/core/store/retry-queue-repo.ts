import type Database from 'better-sqlite3';

/** The one owner of `retry_queue`: whether the queue is paused, and by whom. Survives restarts. */
export class RetryQueueRepo {
  constructor(private readonly db: Database.Database) {}

  paused(): boolean {
    return (this.db.prepare('SELECT paused FROM retry_queue WHERE id = 1').pluck().get() as number) === 1;
  }

  setPaused(paused: boolean, by: string, now: string): void {
    this.db
      .prepare('UPDATE retry_queue SET paused = ?, changed_by = ?, changed_at = ? WHERE id = 1')
      .run(paused ? 1 : 0, by, now);
  }
}
