import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ProvisioningEventsRepo,
  type ProvisioningEventRecord,
} from '../../electron/core/store/provisioning-events-repo';
import { openStore } from '../../electron/core/store/open-database';
import { makeTempDir } from '../helpers/temp-dir';

/** An instant `minutes` after a start a day before now, as an ISO string. */
const dayStart = Date.now() - 86_400_000;
const at = (minutes: number) => new Date(dayStart + minutes * 60_000).toISOString();

const record = (
  id: string,
  status: ProvisioningEventRecord['status'] = 'success',
): ProvisioningEventRecord => ({
  id,
  activityDateTime: at(0),
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
  ingestedAt: at(1),
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
    const entry = (id: string, time: string, status: 'success' | 'failure') => ({
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
    repo.insertBatch([entry('e1', at(60), 'failure')]);
    repo.insertBatch([entry('e2', at(120), 'success')]);
    // An entry that lands late, older than the one already kept, changes nothing.
    repo.insertBatch([entry('e0', at(0), 'failure')]);
    const outcome = () => db.prepare('SELECT event_id AS id, status, reason FROM object_outcomes').all();
    expect(outcome()).toEqual([{ id: 'e2', status: 'success', reason: null }]);
    repo.insertBatch([entry('e3', at(180), 'failure')]);
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
