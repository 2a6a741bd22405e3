import { expect } from 'vitest';

import type { Finding, RunSnapshot } from '../../../shared/contract';
import { fixById, renderFix } from '../../../shared/fixes';
import { startCatalogWorld } from '../../../electron/emulators/scenarios/catalog';
import { makeTempDir } from '../../helpers/temp-dir';
import { watchWorld } from '../../helpers/watched-world';
import type { ProofCase } from './proof-steps';

const describeFindings = (snapshot: RunSnapshot) =>
  snapshot.findings.map((f) => `${f.kind}${f.cause ? `:${f.cause}` : ''}`).join(', ') || 'none';

/**
 * One proof: arrange the world through the emulators, sync and reconcile through the real core,
 * check the finding (subject, evidence, root, fix) and that nothing unexpected appears, then repair
 * as the fix says and check the finding is resolved. The world starts `offsetMs` before now (default:
 * this run's shared offset).
 */
export async function proveCase(proof: ProofCase, offsetMs?: number): Promise<Finding> {
  const dir = makeTempDir();
  const world = await startCatalogWorld(offsetMs);
  const watched = await watchWorld(world, dir.path);
  try {
    const subject = await proof.arrange(world);
    const { snapshot } = await watched.sync();
    // Objects' findings name their object; job, configuration and connection findings name none.
    const aboutObject = /^(user|team|provisioning)\./.test(proof.kind);
    const found = snapshot.findings.find(
      (f) =>
        f.kind === proof.kind &&
        (!proof.cause || f.cause === proof.cause) &&
        (!aboutObject ||
          (subject.entraId ? f.entraId === subject.entraId : !subject.scimId || f.scimId === subject.scimId)),
    );
    expect(found, `findings were: ${describeFindings(snapshot)}`).toBeDefined();
    if (!found) throw new Error('unreachable');

    const allowed = new Set([proof.kind, ...(proof.alsoShows ?? [])]);
    expect(snapshot.findings.filter((f) => !allowed.has(f.kind)).map((f) => f.key)).toEqual([]);
    expect(Object.keys(found.evidence).length).toBeGreaterThan(0);
    expect(found.rootKey?.split('|')[0]).toBe(proof.rootKind);
    if (found.rootKey) expect(snapshot.findings.some((f) => f.key === found.rootKey)).toBe(true);
    proof.check?.(snapshot, found);

    const fix = renderFix(found.fixId, found, {
      org: world.pulumi.org.name,
      servicePrincipalId: world.servicePrincipalId,
      appId: world.graph.tenant.servicePrincipals.get(world.servicePrincipalId)?.appId ?? null,
      clientId: watched.clientId,
    });
    const text = [fix.title, ...fix.steps].join('\n');
    expect(text).not.toMatch(/\{\w+\}|\(unknown\)/);
    expect(fix.links.length + fix.docs.length).toBeGreaterThan(0);
    // Every link of the fix is filled for a finding of this kind (an Entra blade once per portal).
    const templates = fixById(found.fixId)?.links ?? [];
    const expectedLinks = templates.reduce((n, link) => n + ('url' in link ? 1 : 2), 0);
    expect(
      fix.links.map((l) => l.title),
      found.fixId,
    ).toHaveLength(expectedLinks);

    await proof.repair(world, subject, watched);
    const after = await watched.sync();
    expect(
      after.snapshot.findings.some((f) => f.key === found.key),
      `still open after the repair; findings were: ${describeFindings(after.snapshot)}`,
    ).toBe(false);
    const resolved = await watched.core.call('findings.list', {
      filter: { state: 'resolved', kind: proof.kind },
    });
    expect(resolved.items.find((f) => f.key === found.key)?.resolvedAt).toBe(after.snapshot.run.finishedAt);
    return found;
  } finally {
    await watched.core.close();
    await world.close();
    dir.remove();
  }
}
