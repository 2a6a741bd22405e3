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
});
