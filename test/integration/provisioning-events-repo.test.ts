import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ProvisioningEventsRepo,
  type ProvisioningEventRecord,
} from '../../electron/core/store/provisioning-events-repo';
import { openStore } from '../../electron/core/store/open-database';
import { makeTempDir } from '../helpers/temp-dir';

const record = (
  id: string,
  status: ProvisioningEventRecord['status'] = 'success',
): ProvisioningEventRecord => ({
  id,
  activityDateTime: '2026-11-01T08:00:00Z',
  status,
  action: 'create',
  identityType: 'User',
  sourceId: 'u-1',
  sourceDisplayName: 'Alice',
  targetId: null,
  targetDisplayName: null,
  errorCode: null,
  cause: null,
  cycleId: 'c-1',
  jobId: 'job',
  changeId: 'ch-1',
  raw: '{}',
  ingestedAt: '2026-11-01T08:01:00Z',
});

describe('the provisioning events repository', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('inserts batches and skips ids it has seen, as overlapping log pages need', () => {
    const { db } = openStore(join(dir.path, 'p.sqlite'));
    const repo = new ProvisioningEventsRepo(db);
    expect(repo.insertBatch([record('a'), record('b')])).toBe(2);
    expect(repo.insertBatch([record('b', 'failure'), record('c')])).toBe(1);
    expect(repo.count()).toBe(3);
    expect(db.prepare("SELECT status FROM provisioning_events WHERE id = 'b'").get()).toEqual({
      status: 'success',
    });
    db.close();
  });

  it("keeps each object's latest entry, whatever order the pages bring them in", () => {
    const { db } = openStore(join(dir.path, 'p.sqlite'));
    const repo = new ProvisioningEventsRepo(db);
    const at = (id: string, time: string, status: 'success' | 'failure') => ({
      ...record(id, status),
      activityDateTime: time,
      // As Graph sends it: a failure's reason sits in the entry's status info.
      raw: JSON.stringify({
        provisioningStatusInfo: {
          status,
          errorInformation: status === 'failure' ? { reason: 'Email already in use.' } : null,
        },
      }),
    });
    repo.insertBatch([at('e1', '2026-11-01T08:00:00Z', 'failure')]);
    repo.insertBatch([at('e2', '2026-11-01T09:00:00Z', 'success')]);
    // An entry that lands late, older than the one already kept, changes nothing.
    repo.insertBatch([at('e0', '2026-11-01T07:00:00Z', 'failure')]);
    const outcome = () => db.prepare('SELECT event_id AS id, status, reason FROM object_outcomes').all();
    expect(outcome()).toEqual([{ id: 'e2', status: 'success', reason: null }]);
    repo.insertBatch([at('e3', '2026-11-01T10:00:00Z', 'failure')]);
    expect(outcome()).toEqual([{ id: 'e3', status: 'failure', reason: 'Email already in use.' }]);
    db.close();
  });

  it('writes a batch whole or not at all', () => {
    const { db } = openStore(join(dir.path, 'p.sqlite'));
    const repo = new ProvisioningEventsRepo(db);
    const broken = { ...record('y'), activityDateTime: null } as unknown as ProvisioningEventRecord;
    expect(() => repo.insertBatch([record('x'), broken])).toThrow(/NOT NULL/);
    expect(repo.count()).toBe(0);
    db.close();
  });
});
