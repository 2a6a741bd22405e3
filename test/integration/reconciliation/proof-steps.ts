/**
 * What a proof case is, and the repairs an admin makes that several cases share. The cases live in
 * kind-proofs.ts and cause-proofs.ts.
 */
import type { Finding, RunSnapshot } from '../../../shared/contract';
import type { FailureCause, FindingKind } from '../../../shared/finding-kinds';
import {
  catalogIntervalMs,
  type CatalogCase,
  type CatalogWorld,
} from '../../../electron/emulators/scenarios/catalog';
import { jobStatus, setSecret } from '../../../electron/emulators/scenarios/world-steps';
import type { WatchedWorld } from '../../helpers/watched-world';

export interface ProofCase {
  kind: FindingKind;
  cause?: FailureCause;
  arrange(world: CatalogWorld): Promise<CatalogCase>;
  /** Other kinds this world legitimately shows besides the one under test. */
  alsoShows?: FindingKind[];
  /** The kind of the finding's root cause, when the finding is a symptom. */
  rootKind?: FindingKind;
  /** Further checks on the run that found it (e.g. which symptoms it is the root of). */
  check?(snapshot: RunSnapshot, found: Finding): void;
  /** What the admin does, following the fix; one sync later the finding must be resolved. */
  repair(world: CatalogWorld, subject: CatalogCase, watched: WatchedWorld): void | Promise<void>;
}

/** The next cycle, one interval later (as Entra runs them). */
export const cycle = async (world: CatalogWorld) => {
  world.advance(catalogIntervalMs);
  await world.engine.runCycle();
};

/** The token regenerated in Pulumi, pasted into Entra's Secret Token and ScimWatch's settings. */
export async function shareNewScimToken(world: CatalogWorld, watched: WatchedWorld): Promise<void> {
  setSecret(world, 'SecretToken', world.pulumi.org.scimToken);
  await watched.setScimToken(world.pulumi.org.scimToken);
}

/** Restart provisioning: quarantine cleared, a new cycle right away. */
export async function restartJob(world: CatalogWorld): Promise<void> {
  const status = jobStatus(world);
  status.code = 'Active';
  status.quarantine = null;
  await cycle(world);
}

/** The owner of a personal account that holds an Entra user's email changes it. */
export function releaseEmail(world: CatalogWorld, email: string): void {
  const account = world.pulumi.org.accountByEmail(email);
  if (!account) throw new Error(`no Pulumi account holds ${email}`);
  account.email = `${account.userName}@personal.example`;
}

/** The group renamed in Entra, and a cycle to carry it. */
export const rename = (name: string) => async (world: CatalogWorld, subject: CatalogCase) => {
  world.graph.tenant.updateGroup(subject.entraId ?? '', { displayName: name });
  await cycle(world);
};

/** The Tenant URL set back to this organization's SCIM endpoint, and a cycle. */
export async function correctTenantUrl(world: CatalogWorld): Promise<void> {
  setSecret(world, 'BaseAddress', world.pulumi.scimBaseUrl);
  await cycle(world);
}
