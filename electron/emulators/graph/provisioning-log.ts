import type { JsonObject } from './tenant-types';

/** Graph keeps provisioning logs for 30 days; the emulator keeps at most this many entries. */
const defaultMaxEntries = 100_000;

/**
 * The tenant's provisioning log: entries kept in (activityDateTime, id) order, so pages can resume
 * strictly after the last entry served and new arrivals are neither skipped nor repeated. The oldest
 * entries fall off past `maxEntries`, as Graph's retention drops them, so a long demo stays bounded.
 */
export class ProvisioningLog {
  private entries: JsonObject[] = [];

  constructor(private readonly maxEntries = defaultMaxEntries) {}

  add(entry: JsonObject): void {
    // Entries almost always arrive in order: find the place from the end rather than re-sorting.
    let index = this.entries.length;
    while (index > 0 && compareEntries(this.entries[index - 1] as JsonObject, entry) > 0) index--;
    this.entries.splice(index, 0, entry);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
  }

  all(): readonly JsonObject[] {
    return this.entries;
  }

  get size(): number {
    return this.entries.length;
  }
}

export function entryKey(entry: JsonObject): [number, string] {
  return [Date.parse(String(entry.activityDateTime)), String(entry.id)];
}

export function compareEntries(a: JsonObject, b: JsonObject): number {
  const [ta, ia] = entryKey(a);
  const [tb, ib] = entryKey(b);
  return ta - tb || (ia < ib ? -1 : ia > ib ? 1 : 0);
}
