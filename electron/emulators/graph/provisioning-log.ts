import { matchesFilter } from './api/provisioning-filter';
import {
  compareKeys,
  firstIndexNotBefore,
  keyOf,
  type LogKey,
  type LogPage,
  type LogQuery,
  type LogSource,
} from './log-source';
import type { JsonObject } from './tenant-types';

/** Graph keeps provisioning logs for 30 days; the emulator keeps at most this many entries. */
const defaultMaxEntries = 100_000;

/**
 * The tenant's live provisioning log: entries kept in (activityDateTime, id) order with their keys
 * beside them, so a page starts by binary search and new arrivals are neither skipped nor repeated.
 * The oldest entries fall off past `maxEntries`, as Graph's retention drops them.
 */
export class ProvisioningLog implements LogSource {
  private entries: JsonObject[] = [];
  private keys: LogKey[] = [];
  /** When each entry appears in the API (wall time), beside it. */
  private visibleAt: number[] = [];
  /**
   * How long an entry takes to appear in the API after it is written: Graph's provisioning logs lag
   * the action by minutes, so a reader never sees what was just done (and must not read its absence).
   */
  delayMs = 0;

  constructor(private readonly maxEntries = defaultMaxEntries) {}

  add(entry: JsonObject): void {
    const key = keyOf(entry);
    // Entries almost always arrive in order: find the place from the end rather than re-sorting.
    let index = this.entries.length;
    while (index > 0 && compareKeys(this.keys[index - 1] as LogKey, key) > 0) index--;
    this.entries.splice(index, 0, entry);
    this.keys.splice(index, 0, key);
    this.visibleAt.splice(index, 0, Date.now() + this.delayMs);
    if (this.entries.length > this.maxEntries) {
      const excess = this.entries.length - this.maxEntries;
      this.entries.splice(0, excess);
      this.keys.splice(0, excess);
      this.visibleAt.splice(0, excess);
    }
  }

  all(): readonly JsonObject[] {
    return this.entries;
  }

  get size(): number {
    return this.entries.length;
  }

  page({ clauses, order, after, limit }: LogQuery): LogPage {
    const entries: JsonObject[] = [];
    const step = order === 'asc' ? 1 : -1;
    let index: number;
    if (order === 'asc') index = after ? this.firstIndex(after, 'greater') : 0;
    else index = (after ? this.firstIndex(after, 'greaterOrEqual') : this.entries.length) - 1;
    const now = Date.now();
    for (; index >= 0 && index < this.entries.length; index += step) {
      const entry = this.entries[index] as JsonObject;
      if ((this.visibleAt[index] as number) > now || !matchesFilter(entry, clauses)) continue;
      if (entries.length === limit) return { entries, more: true };
      entries.push(entry);
    }
    return { entries, more: false };
  }

  /** Binary search: the first index whose key is greater than (or equal to) `key`. */
  private firstIndex(key: LogKey, bound: 'greater' | 'greaterOrEqual'): number {
    return firstIndexNotBefore(this.keys.length, (index) => {
      const compared = compareKeys(this.keys[index] as LogKey, key);
      return compared < 0 || (compared === 0 && bound === 'greater');
    });
  }
}
