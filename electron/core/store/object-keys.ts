import type Database from 'better-sqlite3';

/**
 * The number an object id carries in the store (migration 5): given at first sight and never changed,
 * so tables that name users can be joined on integers. Call inside the writing transaction.
 */
export class ObjectKeys {
  private readonly find: Database.Statement<[string], number>;
  private readonly add: Database.Statement<[string], number>;

  constructor(db: Database.Database) {
    this.find = db.prepare<[string], number>('SELECT key FROM object_keys WHERE id = ?').pluck();
    this.add = db.prepare<[string], number>('INSERT INTO object_keys (id) VALUES (?) RETURNING key').pluck();
  }

  of(id: string): number {
    return this.find.get(id) ?? (this.add.get(id) as number);
  }
}
