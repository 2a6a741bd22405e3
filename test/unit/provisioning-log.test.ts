import { describe, expect, it } from 'vitest';

import { ProvisioningLog } from '../../electron/emulators/graph/provisioning-log';

const entry = (id: string, minute: number) => ({
  id,
  activityDateTime: new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString(),
});

describe('the emulated provisioning log', () => {
  it('keeps entries ordered by time, then id, whatever order they arrive in', () => {
    const log = new ProvisioningLog();
    for (const [id, minute] of [
      ['c', 5],
      ['a', 1],
      ['b', 5],
      ['d', 3],
    ] as const)
      log.add(entry(id, minute));
    expect(log.all().map((e) => e.id)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('drops the oldest entries past its limit, as retention does', () => {
    const log = new ProvisioningLog(3);
    for (let minute = 0; minute < 5; minute++) log.add(entry(`e${minute}`, minute));
    expect(log.all().map((e) => e.id)).toEqual(['e2', 'e3', 'e4']);
  });

  it('pages in either order, resuming strictly after a key, with ties broken by id', () => {
    const log = new ProvisioningLog();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `id-${String(i).padStart(2, '0')}`;
      ids.push(id);
      log.add(entry(id, Math.floor(i / 3)));
    }
    const walk = (order: 'asc' | 'desc') => {
      const seen: string[] = [];
      let after: [number, string] | null = null;
      for (;;) {
        const page = log.page({ clauses: [], order, after, limit: 7 });
        seen.push(...page.entries.map((e) => String(e.id)));
        const last = page.entries.at(-1);
        if (!page.more || !last) return seen;
        after = [Date.parse(String(last.activityDateTime)), String(last.id)];
      }
    };
    expect(walk('asc')).toEqual(ids);
    expect(walk('desc')).toEqual([...ids].reverse());
  });
});
