import { describe, expect, it } from 'vitest';

import { startCatalogWorld } from '../../../electron/emulators/scenarios/catalog';
import { makeTempDir } from '../../helpers/temp-dir';
import { watchWorld } from '../../helpers/watched-world';

import { secondPassCases } from '../../../electron/emulators/scenarios/catalog/second-pass-cases';
import { objectMapping } from '../../../electron/emulators/scenarios/world-steps';
import { cycle, shareNewScimToken } from './proof-steps';
import { proveCase } from './prove-case';

/**
 * Rules of the two services that worlds nobody here built caught the first pass missing: failures of
 * objects gone from Entra (by consequence), inactive members blocking a team push, and causes decided
 * by structure and by what the store knows rather than by recorded words.
 */
describe('reconciliation, second pass', () => {
  it('reads every group under "sync all users and groups", so an unassigned group is checked', async () => {
    const found = await proveCase({
      kind: 'team.name_too_long',
      arrange: secondPassCases.unassignedGroupUnderSyncAll,
      alsoShows: ['team.missing_in_pulumi', 'provisioning.failure', 'config.scope_all_users'],
      repair: async (world, { entraId }) => {
        world.graph.tenant.updateGroup(entraId ?? '', { displayName: 'Platform guild' });
        await cycle(world);
      },
    });
    expect(found.evidence.length).toBeGreaterThan(100);
  });

  it('claims no missing user behind a scoping filter it cannot evaluate', async () => {
    const dir = makeTempDir();
    const world = await startCatalogWorld();
    const watched = await watchWorld(world, dir.path);
    try {
      const { entraId } = await secondPassCases.scopingFilterPresent(world);
      const { snapshot } = await watched.sync();
      expect(snapshot.findings.filter((f) => f.entraId === entraId)).toEqual([]);
      expect(snapshot.run.counts.users.inScope).toBe(0);
      // The same world without the filter: the user is missing, as the first check would have said.
      objectMapping(world, 'users').scope = null;
      const after = await watched.sync();
      expect(after.snapshot.findings.filter((f) => f.entraId === entraId).map((f) => f.kind)).toEqual([
        'user.missing_in_pulumi',
      ]);
    } finally {
      await watched.core.close();
      await world.close();
      dir.remove();
    }
  });

  it('a refused delete of a deleted user whose account is already inactive is info, under the delete setting', async () => {
    const found = await proveCase({
      kind: 'provisioning.failure',
      cause: 'user_delete_unsupported',
      arrange: secondPassCases.deletedUserDeleteRefused,
      // The deleted user was the only one assigned.
      alsoShows: ['config.user_delete_enabled', 'config.no_assignments'],
      rootKind: 'config.user_delete_enabled',
      repair: (world) => {
        objectMapping(world, 'users').flowTypes = 'Add, Update';
      },
    });
    expect(found.severity).toBe('info');
    expect(found.displayName).toBe('finn');
  });

  it('a deleted group whose team delete was throttled is an error, and the root of the team left behind', async () => {
    const found = await proveCase({
      kind: 'provisioning.failure',
      cause: 'rate_limited',
      arrange: secondPassCases.deletedGroupThrottled,
      alsoShows: ['team.not_deprovisioned', 'config.no_assignments'],
      check: (snapshot, failure) => {
        const leftBehind = snapshot.findings.find((f) => f.kind === 'team.not_deprovisioned');
        expect(leftBehind?.rootKey).toBe(failure.key);
      },
      repair: cycle,
    });
    expect(found.severity).toBe('error');
    expect(found.displayName).toBe('Research');
    expect(found.evidence.action).toBe('delete');
  });

  it('a disabled user whose disable met a 401 carries its cause', async () => {
    const found = await proveCase({
      kind: 'provisioning.failure',
      cause: 'unauthorized',
      arrange: secondPassCases.disabledUserUnauthorized,
      alsoShows: ['connection.pulumi_unauthorized'],
      rootKind: 'connection.pulumi_unauthorized',
      repair: async (world, _subject, watched) => {
        await shareNewScimToken(world, watched);
        await cycle(world);
      },
    });
    // The user is still in Entra (disabled), so the failure names her as she is there.
    expect(found.displayName).toBe('gil');
  });

  it('an inactive member blocks the team push, with the fix that reactivates or removes her', async () => {
    const found = await proveCase({
      kind: 'team.member_not_provisioned',
      arrange: secondPassCases.inactiveTeamMember,
      alsoShows: ['provisioning.failure'],
      check: (snapshot, blocker) => {
        const failure = snapshot.findings.find((f) => f.kind === 'provisioning.failure');
        expect(failure?.cause).toBe('invalid_team_members');
        expect(failure?.rootKey).toBe(blocker.key);
      },
      // The fix's other branch: the person is enabled again in Entra, and the next cycle pushes the group.
      repair: async (world) => {
        for (const user of world.graph.tenant.users.values())
          if (!user.accountEnabled) world.graph.tenant.updateUser(user.id, { accountEnabled: true });
        await cycle(world);
      },
    });
    expect(found.evidence.memberState).toBe('inactive Pulumi account');
    expect(found.fixId).toBe('reactivate-team-member');
  });

  it('a create of a user without mail is a missing required value, however the failure is worded', async () => {
    const found = await proveCase({
      kind: 'provisioning.failure',
      cause: 'missing_required_value',
      arrange: secondPassCases.missingMailReworded,
      alsoShows: ['user.missing_email', 'user.missing_in_pulumi'],
      rootKind: 'user.missing_email',
      repair: async (world, { entraId }) => {
        world.graph.tenant.updateUser(entraId ?? '', { mail: 'jo@contoso.test' });
        await cycle(world);
      },
    });
    expect(String(found.evidence.reason)).not.toMatch(/required/i);
  });
});
