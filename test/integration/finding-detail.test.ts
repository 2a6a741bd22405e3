import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Finding, RunCounts } from '../../shared/contract';
import { recordRun } from '../../electron/core/reconcile/run-store';
import { openStore } from '../../electron/core/store/open-database';
import { findingDetail } from '../../electron/core/tables/finding-detail';
import { findingPage } from '../../electron/core/tables/finding-rows';
import { makeTempDir } from '../helpers/temp-dir';

const counts: RunCounts = {
  users: { inScope: 0, matched: 0, inSync: 0 },
  teams: { inScope: 0, matched: 0, inSync: 0 },
  findings: {
    total: 0,
    roots: 0,
    byKind: {},
    bySeverity: { error: 0, warning: 0, info: 0 },
    unknownCauses: 0,
  },
};

const alice = 'a1a1a1a1-0000-4000-8000-000000000001';
const aliceScim = 'scim-alice';

const mismatch = (actual: string): Finding => ({
  key: `user.attribute_mismatch:${alice}:displayName`,
  kind: 'user.attribute_mismatch',
  severity: 'warning',
  entraId: alice,
  scimId: aliceScim,
  displayName: 'Alice Smith',
  evidence: { attribute: 'displayName', expected: 'Alice Smith', actual },
  fixId: 'sync-user-attribute',
});
const quarantine: Finding = {
  key: 'job.quarantined',
  kind: 'job.quarantined',
  severity: 'error',
  displayName: 'Provisioning job',
  evidence: { reason: 'EncounteredQuarantineException' },
  fixId: 'leave-quarantine',
};
const symptom = (i: number): Finding => ({
  key: `team.member_missing:g${i}`,
  kind: 'team.member_missing',
  severity: 'warning',
  displayName: `Team ${i}`,
  evidence: { member: `m${i}` },
  fixId: 'sync-team-members',
  rootKey: 'job.quarantined',
});

describe('findings as the Drift page reads them', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  const run = (at: number, findings: Finding[]) =>
    recordRun(db, {
      startedAt: new Date(at).toISOString(),
      finishedAt: new Date(at + 1000).toISOString(),
      trigger: 'poll',
      findings,
      counts,
      checklist: [],
    });

  beforeEach(() => {
    dir = makeTempDir();
    db = openStore(join(dir.path, 'store.sqlite')).db;
    db.prepare(
      `INSERT INTO entra_users (id, key, user_principal_name, mail, display_name, given_name, surname, account_enabled, raw)
       VALUES (?, 1, 'alice@contoso.example', 'alice@contoso.example', 'Alice Smith', 'Alice', 'Smith', 1, '{}')`,
    ).run(alice);
    db.prepare(
      `INSERT INTO pulumi_users (id, key, user_name, email, display_name, given_name, family_name, active, raw)
       VALUES (?, 2, 'ALICE@contoso.example', 'alice@contoso.example', 'A. Smith', 'Alice', 'Smith', 1, '{}')`,
    ).run(aliceScim);
    const t = Date.now() - 3 * 3_600_000;
    run(t, [mismatch('Alice S.'), quarantine, symptom(1), symptom(2), symptom(3)]);
    run(t + 3_600_000, [mismatch('A. Smith'), quarantine, symptom(1), symptom(2)]);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('pages roots with their open symptoms counted, and filters by group, severity, text and root', () => {
    const roots = findingPage(db, { total: true, filter: { state: 'open', roots: true } });
    expect(roots.total).toBe(2);
    expect(roots.items.find((f) => f.key === 'job.quarantined')?.symptoms).toBe(2);
    expect(
      findingPage(db, { filter: { state: 'open', kindGroup: 'user' } }).items.map((f) => f.kind),
    ).toEqual(['user.attribute_mismatch']);
    expect(findingPage(db, { total: true, filter: { state: 'open', severity: 'warning' } }).total).toBe(3);
    expect(findingPage(db, { filter: { state: 'open', text: 'ALICE' } }).items).toHaveLength(1);
    expect(findingPage(db, { filter: { state: 'open', text: alice } }).items).toHaveLength(1);
    expect(findingPage(db, { total: true, filter: { state: 'all', rootKey: 'job.quarantined' } }).total).toBe(
      3,
    );
    expect(
      findingPage(db, { total: true, filter: { state: 'resolved', rootKey: 'job.quarantined' } }).total,
    ).toBe(1);
  });

  it('shows a finding whole: both sides marked where they differ, its versions, and its fix filled in', () => {
    const detail = findingDetail(db, mismatch('').key, { pulumiOrg: 'acme' });
    expect(detail?.history.map((v) => [v.version, v.toRun, v.evidence['actual']])).toEqual([
      [1, 2, 'Alice S.'],
      [2, null, 'A. Smith'],
    ]);
    const byAttribute = Object.fromEntries(detail!.comparison.map((v) => [v.attribute, v]));
    expect(byAttribute['Display name']).toEqual({
      attribute: 'Display name',
      entra: 'Alice Smith',
      pulumi: 'A. Smith',
      differs: true,
    });
    // Pulumi compares user names without case, so neither does the panel.
    expect(byAttribute['User name (UPN)']?.differs).toBe(false);
    expect(byAttribute['Active']).toMatchObject({ entra: 'yes', pulumi: 'yes', differs: false });
    expect(detail?.fix?.steps.join(' ')).toContain('A. Smith');
    expect(detail?.fix?.links.some((l) => l.url.startsWith('https://'))).toBe(true);

    const job = findingDetail(db, 'job.quarantined', {});
    expect(job?.comparison).toEqual([]);
    expect(job?.fix?.id).toBe('leave-quarantine');
    expect(findingDetail(db, 'no.such.key', {})).toBeNull();
  });
});
