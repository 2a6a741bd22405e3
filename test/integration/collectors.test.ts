import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SyncSummary } from '../../shared/contract';
import { profileDatabasePath } from '../../electron/core/profiles/profile-registry';
import type { RunningDemo } from '../../electron/emulators/demo-runner';
import { addLogBacklog } from '../../electron/emulators/scenarios/world-steps';
import { runCliAsync } from '../helpers/cli';
import { startStillDemo } from '../helpers/demo-world';
import { makeTempDir } from '../helpers/temp-dir';

type TempDir = ReturnType<typeof makeTempDir>;

/** The reports limit stays 5 per window; the window shrinks from 10 s so pacing fits in a test. */
const windowMs = 400;

describe('collectors against the demo world, through the real CLI', () => {
  let demo: RunningDemo;
  let dir: TempDir;
  let env: NodeJS.ProcessEnv;
  const database = () => profileDatabasePath(dir.path, 'default');

  beforeAll(async () => {
    dir = makeTempDir();
    // Cycles only when a test asks: the ground truth must hold still while a sync reads it.
    let world: Record<string, string>;
    ({ demo, env: world } = await startStillDemo(dir.path, { reportsBudget: { count: 5, windowMs } }));
    env = {
      ...world,
      SCIMWATCH_DATA_DIR: dir.path,
      SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: String(windowMs),
      SCIMWATCH_LOGS_PAGE_SIZE: '40',
    };
  });
  afterAll(async () => {
    await demo.stop();
    dir.remove();
  });

  /** What the store holds, read straight from the SQLite file. */
  function stored() {
    const db = new Database(database(), { readonly: true });
    try {
      const ids = (sql: string) => (db.prepare(sql).pluck().all() as string[]).sort();
      return {
        events: ids('SELECT id FROM provisioning_events'),
        eventRows: db.prepare('SELECT count(*) FROM provisioning_events').pluck().get() as number,
        users: ids('SELECT id FROM entra_users'),
        groups: ids('SELECT id FROM entra_groups'),
        members: ids(`SELECT group_id || '/' || member_id FROM entra_group_members`),
        pulumiUsers: ids('SELECT id FROM pulumi_users'),
        pulumiGroups: ids('SELECT id FROM pulumi_groups'),
        links: ids(`SELECT entra_id || '>' || scim_id FROM identity_links`),
      };
    } finally {
      db.close();
    }
  }

  /** The same, from the emulators' own state. */
  function groundTruth() {
    const { tenant } = demo.world.graph;
    const { org } = demo.world.pulumi;
    const assignedGroups = new Set(
      tenant.assignments.filter((a) => a.principalType === 'Group').map((a) => a.principalId),
    );
    return {
      events: tenant.log
        .all()
        .map((e) => String(e.id))
        .sort(),
      users: [...tenant.users.keys()].sort(),
      groups: [...assignedGroups].sort(),
      members: [...assignedGroups]
        .flatMap((g) => (tenant.groups.get(g)?.memberIds ?? []).map((m) => `${g}/${m}`))
        .sort(),
      pulumiUsers: [...org.memberships.values()]
        .filter((m) => m.scim)
        .map((m) => m.accountId)
        .sort(),
      // Pulumi's SCIM /Groups lists every team, SCIM-made or not (see research/pulumi-scim.md).
      pulumiGroups: [...org.teams.keys()].sort(),
      links: [...demo.world.engine.memory.links].map(([e, s]) => `${e}>${s}`).sort(),
    };
  }

  function expectGroundTruth() {
    const have = stored();
    const want = groundTruth();
    expect(have.eventRows).toBe(want.events.length);
    expect(have.events).toEqual(want.events);
    expect(have.users).toEqual(want.users);
    expect(have.groups).toEqual(want.groups);
    expect(have.members).toEqual(want.members);
    expect(have.pulumiUsers).toEqual(want.pulumiUsers);
    expect(have.pulumiGroups).toEqual(want.pulumiGroups);
    // Every link the log proves is stored (the engine may know links from before a failed update too).
    expect(want.links).toEqual(expect.arrayContaining(have.links));
  }

  it('sync --once --json prints the counts and stores both sides as the emulators hold them', async () => {
    const run = await runCliAsync(['sync', '--once', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as SyncSummary;
    const truth = groundTruth();
    expect(summary).toMatchObject({
      provisioningEvents: { ingested: truth.events.length, total: truth.events.length },
      entra: { users: truth.users.length, groups: truth.groups.length, assignments: 22 },
      pulumi: { users: truth.pulumiUsers.length, groups: truth.pulumiGroups.length },
      job: { status: 'Active' },
      errors: [],
    });
    // Every request counted; with no fault injected none failed or was asked again.
    expect(summary.requests.sent).toBeGreaterThan(10);
    expect(summary.requests).toMatchObject({ retried: 0, failed: 0 });
    expectGroundTruth();
    // With the access token, REST adds team kinds with members, org members with roles, and the flags.
    const db = new Database(database(), { readonly: true });
    try {
      const teams = db.prepare('SELECT name, kind, raw FROM pulumi_teams').all() as {
        name: string;
        kind: string;
        raw: string;
      }[];
      expect(teams.map((t) => t.kind).sort()).toEqual(
        [...demo.world.pulumi.org.teams.values()].map((t) => t.kind).sort(),
      );
      const scimTeam = teams.find((t) => t.kind === 'scim');
      expect((JSON.parse(scimTeam?.raw ?? '{}') as { members?: unknown[] }).members?.length).toBeGreaterThan(
        0,
      );
      expect(db.prepare(`SELECT count(*) FROM pulumi_org_members WHERE role = 'admin'`).pluck().get()).toBe(
        1,
      );
      const organization = db
        .prepare(`SELECT body FROM source_documents WHERE key = 'pulumi.organization'`)
        .pluck()
        .get() as string;
      expect(JSON.parse(organization)).toMatchObject({
        features: { samlSsoEnabled: true, scimEnabled: true },
      });
    } finally {
      db.close();
    }
  });

  it('follows changes incrementally: new log entries, delta changes, an expired delta token', async () => {
    demo.world.graph.tenant.changes.expireAll();
    for (let i = 0; i < 3; i++) await demo.world.engine.runCycle();
    const [someone] = demo.world.graph.tenant.users.values();
    if (someone) demo.world.graph.tenant.updateUser(someone.id, { displayName: 'Renamed Between Syncs' });
    await demo.world.engine.runCycle();
    const before = stored().eventRows;
    const run = await runCliAsync(['sync', '--once', '--json'], env);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as SyncSummary;
    expect(summary.provisioningEvents.ingested).toBe(groundTruth().events.length - before);
    expectGroundTruth();
  });

  it('survives SIGKILL at 20 seeded points: after one more sync the store equals the ground truth', async () => {
    const points = [
      ...[1, 2, 3, 5, 7].map((n) => `events.page-received:${n}`),
      ...[1, 2, 3, 4, 6, 8].map((n) => `events.in-transaction:${n}`),
      ...[1, 2, 3, 4, 6].map((n) => `events.committed:${n}`),
      'directory.in-transaction:1',
      'directory.in-transaction:1',
      'pulumi.in-transaction:1',
      'pulumi.in-transaction:1',
    ];
    expect(points.length).toBeGreaterThanOrEqual(20);
    let killed = 0;
    for (const [i, point] of points.entries()) {
      // New entries before each crash, so every crash interrupts real work.
      for (let c = 0; c < 1 + (i % 3); c++) await demo.world.engine.runCycle();
      const crash = await runCliAsync(['sync', '--once', '--json'], {
        ...env,
        SCIMWATCH_TEST_CRASH_AT: point,
      });
      if (crash.signal === 'SIGKILL') killed += 1;
      // Every other crash is followed by a restart that must complete the work; the others are followed
      // by another crash first (a restarted sync that dies again must not corrupt anything either).
      if (i % 2 === 0) continue;
      const recovery = await runCliAsync(['sync', '--once', '--json'], env);
      expect(recovery.code, `${point}: ${recovery.stderr}`).toBe(0);
      expectGroundTruth();
    }
    // Points past the last page are not reached; most must be.
    expect(killed).toBeGreaterThanOrEqual(18);
  }, 180_000);

  it('paces provisioning-log reads: no window over the limit, ≥ 4 of 5 slots used while behind, no 429s', async () => {
    const limiter = demo.world.graph.context.reportsLimiter;
    const { tenant } = demo.world.graph;
    // A backlog of 3,000 entries read 40 at a time: at least 75 requests, all behind. The entries come
    // through the control API's path (the engine writes a few per cycle; a backlog needs thousands).
    // Inside the overlap window (entries land late), so the next read starts before all of them.
    addLogBacklog(demo.world, 3_000, Date.now() - 10 * 60_000, 100);
    const backlog = tenant.log.size - stored().eventRows;
    expect(backlog).toBeGreaterThan(60 * 40);
    const rejectedBefore = limiter.rejected;
    const start = Date.now();
    const run = await runCliAsync(['sync', '--once', '--json'], env);
    expect(run.code).toBe(0);
    const times = limiter.accepted.filter((t) => t >= start);
    expect(times.length).toBeGreaterThanOrEqual(60);
    expect(limiter.rejected - rejectedBefore).toBe(0);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + windowMs).length).toBeLessThanOrEqual(5);
    const first = times[0] ?? 0;
    const last = times.at(-1) ?? 0;
    for (let w = first; w + windowMs <= last; w += windowMs) {
      expect(times.filter((u) => u >= w && u < w + windowMs).length).toBeGreaterThanOrEqual(4);
    }
    expectGroundTruth();
  }, 120_000);
});
