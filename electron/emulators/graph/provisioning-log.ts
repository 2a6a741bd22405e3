import type { JsonObject } from './tenant-types';

/**
 * The tenant's provisioning log: entries kept in (activityDateTime, id) order, so pages can resume
 * strictly after the last entry served and new arrivals are neither skipped nor repeated.
 */
export class ProvisioningLog {
  private entries: JsonObject[] = [];

  add(entry: JsonObject): void {
    this.entries.push(entry);
    this.entries.sort(compareEntries);
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
