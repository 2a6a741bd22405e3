import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  GroupExplanation,
  GroupMemberState,
  GroupVerdict,
  PersonExplanation,
  PersonVerdict,
} from '../../shared/contract';
import type { FindingKind } from '../../shared/finding-kinds';
import {
  catalogRecipes,
  startCatalogWorld,
  type CatalogWorld,
} from '../../electron/emulators/scenarios/catalog';
import { secondPassCases } from '../../electron/emulators/scenarios/catalog/second-pass-cases';
import { addAssignedGroup, addAssignedUser } from '../../electron/emulators/scenarios/world-steps';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { runCliAsync } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { watchWorld, type WatchedWorld } from '../helpers/watched-world';

/** Lookup over a world where each person was planted to earn one verdict. */
describe('lookup: why a person is or is not in Pulumi', () => {
  const dir = makeTempDir();
  let world: CatalogWorld;
  let watched: WatchedWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    world = await startCatalogWorld();
    ids.synced = addAssignedUser(world, 'ines.synced@contoso.test', { displayName: 'Ines Synced' });
    ids.noMail = addAssignedUser(world, 'nomail@contoso.test', { mail: null });
    ids.unassigned = world.graph.tenant.addUser({
      userPrincipalName: 'olga.outside@contoso.test',
      mail: 'olga.outside@contoso.test',
      displayName: 'Olga Outside',
    }).id;
    ids.nested = world.graph.tenant.addUser({
      userPrincipalName: 'nina.nested@contoso.test',
      mail: 'nina.nested@contoso.test',
      displayName: 'Nina Nested',
    }).id;
    ids.leaver = addAssignedUser(world, 'leo.leaver@contoso.test', { displayName: 'Leo Leaver' });
    ids.platform = addAssignedGroup(world, 'Platform team', [ids.synced]);
    const inner = world.graph.tenant.addGroup({ displayName: 'Inner circle', memberIds: [ids.nested] }).id;
    ids.inner = inner;
    ids.outer = addAssignedGroup(world, 'Outer ring', [inner]);
    await world.engine.runCycle();
    // Left scope after being provisioned: the next cycle deactivates the account, as Entra does.
    world.graph.tenant.unassign(ids.leaver);
    await world.engine.runCycle();
    ids.late = addAssignedUser(world, 'late.comer@contoso.test');
    watched = await watchWorld(world, dir.path);
    await watched.sync();
  }, 60_000);
  afterAll(async () => {
    await watched?.core.close();
    await world?.close();
    dir.remove();
  });

  const verdictOf = async (entraId: string) =>
    (await watched.core.call('lookup.explain', { entraId })).verdict.code;

  it('gives each planted person their verdict, with the evidence it rests on', async () => {
    expect(await verdictOf(ids.synced!)).toBe('in_sync');
    expect(await verdictOf(ids.noMail!)).toBe('missing_email');
    expect(await verdictOf(ids.unassigned!)).toBe('not_assigned');
    expect(await verdictOf(ids.late!)).toBe('not_yet_provisioned');
    const leaver = await watched.core.call('lookup.explain', { entraId: ids.leaver! });
    expect(leaver.verdict.code).toBe('out_of_scope');
    expect(leaver.evidence.pulumi).toMatchObject({ userName: 'leo.leaver@contoso.test', active: false });
    expect(leaver.evidence.assignment).toMatchObject({ direct: false, viaGroups: [] });
    const synced = await watched.core.call('lookup.explain', { entraId: ids.synced! });
    expect(synced.evidence.assignment).toMatchObject({ direct: true, syncAll: false });
    expect(synced.evidence.pulumi).toMatchObject({ userName: 'ines.synced@contoso.test', active: true });
    expect(synced.evidence.timeline[0]).toMatchObject({ status: 'success', action: 'create' });
    const noMail = await watched.core.call('lookup.explain', { entraId: ids.noMail! });
    expect(noMail.findings.map((f) => f.kind)).toContain('user.missing_email');
  });

  it('names the assigned group a nested-only person is inside, read from Graph for that question', async () => {
    expect(await verdictOf(ids.nested!)).toBe('not_assigned');
    const nested = await watched.core.call('lookup.nested', { entraId: ids.nested! });
    expect(nested.nestedVia).toEqual([{ id: ids.outer, displayName: 'Outer ring', through: 'Inner circle' }]);
    const explained = await watched.core.call('lookup.explain', { entraId: ids.nested! });
    expect(explained.verdict.code).toBe('nested_only');
    expect(explained.verdict.sentence).toContain('Inner circle');
    expect(explained.evidence.readFromGraph).toContainEqual(expect.stringContaining('Outer ring'));
  });

  it('explains a group against its team: scope, team, members, nested groups, the last push', async () => {
    const platform = await watched.core.call('lookup.group', { entraId: ids.platform! });
    expect(platform.verdict.code, platform.verdict.sentence).toBe('in_sync');
    expect(platform.evidence.entra).toMatchObject({
      displayName: 'Platform team',
      assigned: true,
      userMembers: 1,
    });
    expect(platform.evidence.team).toMatchObject({ name: 'Platform team', members: 1 });
    expect(platform.evidence.name).toEqual({ length: 13, limit: 100 });
    expect(platform.evidence.members.counts.in_team).toBe(1);
    expect(platform.evidence.members.listed).toEqual([
      expect.objectContaining({ entraId: ids.synced, name: 'Ines Synced', state: 'in_team' }),
    ]);
    expect(platform.evidence.lastPush).toMatchObject({ status: 'success' });
    const outer = await watched.core.call('lookup.group', { entraId: ids.outer! });
    // An unassigned nested group is not read by the directory, so only its id is known.
    expect(outer.evidence.entra?.nestedGroups.map((g) => g.id)).toEqual([ids.inner]);
    expect(outer.findings.map((f) => f.kind)).toContain('team.nested_members_ignored');
  });

  it('finds the same person by UPN, email, Entra id, SCIM id and name', async () => {
    const scimId = (await watched.core.call('lookup.explain', { entraId: ids.synced! })).evidence.pulumi?.id;
    for (const typed of [
      'ines.synced@contoso.test',
      'INES.SYNCED@contoso.test',
      ids.synced!,
      scimId!,
      'Ines Syn',
    ]) {
      const matches = await watched.core.call('lookup.find', { text: typed });
      expect(
        matches.map((m) => m.entraId),
        typed,
      ).toEqual([ids.synced]);
    }
  });

  it('explains from the CLI: JSON for one match, the list for several, "not found" with exit 1 for none', async () => {
    const connection = connectScimWatch(world);
    const env = { ...connection.environment, SCIMWATCH_DATA_DIR: dir.path };
    const found = await runCliAsync(['explain', 'nomail@contoso.test', '--json'], env);
    expect(found.code, found.stderr).toBe(0);
    const explanation = JSON.parse(found.stdout) as PersonExplanation;
    expect(explanation.verdict.code).toBe('missing_email');
    expect(Object.keys(explanation)).toEqual(['verdict', 'subject', 'evidence', 'findings']);
    const several = await runCliAsync(['explain', 'n', '--json'], env);
    expect(several.code, several.stderr).toBe(0);
    const listed = (JSON.parse(several.stdout) as { matches: { entraId: string }[] }).matches.map(
      (m) => m.entraId,
    );
    expect(listed).toEqual(expect.arrayContaining([ids.noMail, ids.nested]));
    const group = await runCliAsync(['explain', 'Platform team', '--json'], env);
    expect(group.code, group.stderr).toBe(0);
    const groupExplained = JSON.parse(group.stdout) as GroupExplanation;
    expect(groupExplained.verdict.code).toBe('in_sync');
    expect(groupExplained.evidence.team?.name).toBe('Platform team');
    const missing = await runCliAsync(['explain', 'nobody.at.all@contoso.test'], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Not found');
  });
});

/** The verdicts a finding decides, each proved in the catalog's own world for that finding. */
describe('lookup: verdicts decided by a finding', () => {
  const explainIn = async (
    arrange: (world: CatalogWorld) => Promise<{ entraId?: string; scimId?: string }>,
    ask: (watched: WatchedWorld, subject: { entraId?: string; scimId?: string }) => Promise<void>,
  ) => {
    const caseDir = makeTempDir();
    const caseWorld = await startCatalogWorld();
    const caseWatched = await watchWorld(caseWorld, caseDir.path);
    try {
      const subject = await arrange(caseWorld);
      await caseWatched.sync();
      await ask(caseWatched, subject);
    } finally {
      await caseWatched.core.close();
      await caseWorld.close();
      caseDir.remove();
    }
  };
  const cases: [FindingKind, PersonVerdict][] = [
    ['user.not_deprovisioned', 'not_deprovisioned'],
    ['user.inactive_in_pulumi', 'inactive_in_pulumi'],
    ['user.username_diverged', 'username_changed'],
    ['user.duplicate_email', 'duplicate_email'],
    ['user.email_in_use', 'failed'],
    ['user.unmatched_in_pulumi', 'unmatched'],
  ];
  it.each(cases)('a person behind %s is explained as %s', (kind, verdict) =>
    explainIn(catalogRecipes[kind], async (caseWatched, { entraId, scimId }) => {
      const explained = await caseWatched.core.call(
        'lookup.explain',
        entraId ? { entraId } : { scimId: scimId ?? '' },
      );
      expect(explained.verdict.code, explained.verdict.sentence).toBe(verdict);
      if (verdict === 'failed') expect(explained.verdict.cause).toBe('email_in_use');
    }),
  );

  it('an assigned person behind a scoping filter is explained as scope_unknown', () =>
    explainIn(secondPassCases.scopingFilterPresent, async (caseWatched, { entraId }) => {
      const explained = await caseWatched.core.call('lookup.explain', { entraId: entraId ?? '' });
      expect(explained.verdict.code, explained.verdict.sentence).toBe('scope_unknown');
      expect(explained.evidence.assignment).toMatchObject({ direct: true, scopingFilter: true });
    }));

  const groupCases: [FindingKind, GroupVerdict, Partial<Record<GroupMemberState, number>>][] = [
    ['team.name_too_long', 'name_too_long', {}],
    ['team.member_not_provisioned', 'push_blocked', { not_provisioned: 1 }],
    ['team.member_missing', 'members_differ', { missing: 1, in_team: 3 }],
    ['team.not_deprovisioned', 'not_deprovisioned', {}],
  ];
  it.each(groupCases)('a group behind %s is explained as %s', (kind, verdict, counts) =>
    explainIn(catalogRecipes[kind], async (caseWatched, { entraId }) => {
      const explained = await caseWatched.core.call('lookup.group', { entraId: entraId ?? '' });
      expect(explained.verdict.code, explained.verdict.sentence).toBe(verdict);
      expect(explained.evidence.members.counts).toMatchObject(counts);
      expect(explained.findings.map((f) => f.kind)).toContain(kind);
    }),
  );
});
