import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import type { RunSnapshot } from '../../../shared/contract';
import { profileDatabasePath } from '../../../electron/core/profiles/profile-registry';
import {
  arrangeTemptingNonDrift,
  catalogIntervalMs,
  startCatalogWorld,
  type CatalogWorld,
} from '../../../electron/emulators/scenarios/catalog';
import { addAssignedGroup, addAssignedUser } from '../../../electron/emulators/scenarios/world-steps';
import { makeTempDir } from '../../helpers/temp-dir';
import { watchWorld, type WatchedWorld } from '../../helpers/watched-world';

describe('reconciliation runs over time', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let world: CatalogWorld;
  let watched: WatchedWorld;

  async function start() {
    dir = makeTempDir();
    world = await startCatalogWorld();
    watched = await watchWorld(world, dir.path);
  }
  afterEach(async () => {
    await watched.core.close();
    await world.close();
    dir.remove();
  });

  it('finds nothing in a healthy world full of things that only look like drift', async () => {
    await start();
    const subjects = await arrangeTemptingNonDrift(world);
    const { summary, snapshot } = await watched.sync();
    expect(summary.errors).toEqual([]);
    expect(snapshot.findings).toEqual([]);
    expect(snapshot.checklist.filter((step) => step.outcome !== 'pass')).toEqual([]);
    // Everyone in scope is accounted for: the enabled ones in Pulumi, the one never created disabled.
    expect(snapshot.run.counts.users).toEqual({ inScope: 5, matched: 4, inSync: 4 });
    expect(snapshot.run.counts.teams).toEqual({ inScope: 2, matched: 2, inSync: 2 });
    expect(subjects.longTeamNames.map((n) => n.length)).toEqual([41, 100]);
  });

  it('rebuilds any past run exactly, and stores nothing new when nothing changed', async () => {
    await start();
    const sync = async () => (await watched.sync()).snapshot;
    const ada = addAssignedUser(world, 'ada@contoso.test', { displayName: 'Ada' });
    addAssignedGroup(world, 'Analytics', [ada, addAssignedUser(world, 'bea@contoso.test')]);
    await world.engine.runCycle();
    const taken: RunSnapshot[] = [await sync()];

    // Drift appears: a rename not yet pushed, a user who cannot be created, a step of the guide undone.
    world.graph.tenant.updateUser(ada, { displayName: 'Ada Lovelace' });
    addAssignedUser(world, 'cy@contoso.test', { mail: null });
    taken.push(await sync());
    world.advance(catalogIntervalMs);
    await world.engine.runCycle();
    world.pulumi.org.features.samlSsoEnabled = false;
    taken.push(await sync());
    expect(taken.map((s) => s.findings.map((f) => f.kind).sort())).toEqual([
      [],
      ['user.attribute_mismatch', 'user.missing_email', 'user.missing_in_pulumi'],
      ['config.saml_not_configured', 'provisioning.failure', 'user.missing_email', 'user.missing_in_pulumi'],
    ]);

    const rows = () => {
      const db = new Database(profileDatabasePath(dir.path, 'default'), { readonly: true });
      try {
        return db
          .prepare(
            `SELECT (SELECT COUNT(*) FROM finding_versions) AS versions,
                    (SELECT COUNT(*) FROM checklist_versions) AS checklists,
                    (SELECT COUNT(*) FROM findings) AS findings`,
          )
          .get();
      } finally {
        db.close();
      }
    };
    const before = rows();
    for (let i = 0; i < 3; i++) await watched.core.call('reconcile.run', {});
    expect(rows()).toEqual(before);

    for (const past of taken)
      expect(await watched.core.call('reconcile.get', { runId: past.run.id })).toEqual(past);
  });
});
