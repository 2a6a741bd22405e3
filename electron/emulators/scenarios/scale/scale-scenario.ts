import { seededRandom } from '../../faults';
import type { EmulatedWorld } from '../../emulated-world';
import type { EmulatedGroup, EmulatedUser } from '../../graph/tenant-types';
import { describeOffset, worldOldestStartMs } from '../../world-clock';
import { logServicePrincipal, useHealthyConfiguration } from '../world-steps';
import { hex, SyntheticHistory } from './synthetic-history';

export interface ScaleOptions {
  seed: number;
  users: number;
  groups: number;
  /** Direct user memberships, spread evenly over the groups. */
  memberships: number;
  /** Days of synthetic history, ending at `endsAt`; it must start inside the app's backfill window. */
  days: number;
  logEntries: number;
  /** Share of provisioned users and teams that differ between Entra and Pulumi. */
  driftRate: number;
  /** Share of synthetic log entries that failed. */
  failureRate: number;
  /** When the history ends (default: now); fixed, it makes the history identical run to run. */
  endsAt?: number;
}

export const scaleDefaults: ScaleOptions = {
  seed: 7,
  users: 100_000,
  groups: 5_000,
  memberships: 500_000,
  // Graph keeps 30 days; 28 leave room for a benchmark that collects for minutes to read all of it.
  days: 28,
  logEntries: 1_000_000,
  driftRate: 0.01,
  failureRate: 0.02,
};

/** What the scale world holds, for benchmarks and tests to check against. */
export interface ScalePlan {
  usersInScope: number;
  provisionedUsers: number;
  provisionedTeams: number;
  drifted: { missingUsers: number; renamedUsers: number; inactiveUsers: number; teamsMissingMember: number };
  history: SyntheticHistory;
}

/** Seeded, readable ids: the same seed gives the same world, id for id. */
const idFor = (prefix: string, kind: string, index: number) =>
  `${prefix}-${kind}-4000-8000-${hex(index, 12)}`;

/** A stride coprime with n, so that `(start + j * stride) % n` never repeats for j < n. */
function coprimeStride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = 7919;
  while (gcd(stride, n) !== 1) stride += 2;
  return stride;
}

/**
 * The `scale` scenario: a large tenant whose groups are all assigned, the Pulumi org already holding
 * the provisioned users and teams (with seeded drift), the engine caught up, and a synthetic history
 * of provisioning-log entries computed on demand. Live cycles on top of it are real.
 */
export function seedScale(world: EmulatedWorld, options: ScaleOptions = scaleDefaults): ScalePlan {
  const random = seededRandom(options.seed);
  const prefix = hex(Math.floor(random() * 2 ** 32), 8);
  const { tenant } = world.graph;
  const { org } = world.pulumi;
  useHealthyConfiguration(world);
  const endsAt = options.endsAt ?? Date.now();
  const startsAgo = Date.now() - (endsAt - options.days * 86_400_000);
  if (startsAgo > worldOldestStartMs)
    throw new Error(
      `The scale history would start ${describeOffset(startsAgo)} ago, before the app's backfill window ` +
        `reaches (${describeOffset(worldOldestStartMs)} at most): fewer days, or a later end.`,
    );

  const created = new Date(endsAt - options.days * 86_400_000).toISOString();
  const users: EmulatedUser[] = Array.from({ length: options.users }, (_, i) => ({
    id: idFor(prefix, 'aaaa', i),
    userPrincipalName: `person${i}@scale.example`,
    displayName: `Person ${i}`,
    givenName: 'Person',
    surname: String(i),
    mail: `person${i}@scale.example`,
    mailNickname: `person${i}`,
    accountEnabled: true,
    userType: 'Member',
    jobTitle: null,
    preferredLanguage: null,
  }));
  const perGroup = Math.max(1, Math.floor(options.memberships / Math.max(1, options.groups)));
  const stride = coprimeStride(options.users);
  const groups: EmulatedGroup[] = Array.from({ length: options.groups }, (_, g) => ({
    id: idFor(prefix, 'bbbb', g),
    displayName: `Team ${g}`,
    mailNickname: `team${g}`,
    securityEnabled: true,
    createdDateTime: created,
    memberIds: Array.from(
      { length: Math.min(perGroup, options.users) },
      (_, j) => users[(g * perGroup + j * stride) % options.users]?.id ?? '',
    ),
  }));
  tenant.importDirectory(users, groups);
  for (const group of groups) tenant.assign(world.servicePrincipalId, group.id);

  const inScope = new Set(groups.flatMap((g) => g.memberIds));
  const links = new Map<string, string>();
  const drifted = { missingUsers: 0, renamedUsers: 0, inactiveUsers: 0, teamsMissingMember: 0 };
  users.forEach((user, i) => {
    if (!inScope.has(user.id)) return;
    const roll = random();
    if (roll < options.driftRate / 3) return void (drifted.missingUsers += 1);
    const renamed = roll < (options.driftRate * 2) / 3;
    const inactive = !renamed && roll < options.driftRate;
    const accountId = idFor(prefix, 'cccc', i);
    org.accounts.set(accountId, {
      id: accountId,
      userName: user.userPrincipalName,
      email: user.mail,
      displayName: renamed ? `${user.displayName} (old name)` : user.displayName,
      givenName: user.givenName,
      familyName: user.surname,
      orgManaged: true,
    });
    org.memberships.set(accountId, { accountId, active: !inactive, role: 'member', created, scim: true });
    drifted.renamedUsers += renamed ? 1 : 0;
    drifted.inactiveUsers += inactive ? 1 : 0;
    links.set(user.id, accountId);
  });
  groups.forEach((group, g) => {
    const memberIds = group.memberIds.flatMap((id) => links.get(id) ?? []);
    if (random() < options.driftRate && memberIds.length) {
      memberIds.pop();
      drifted.teamsMissingMember += 1;
    }
    const teamId = idFor(prefix, 'dddd', g);
    org.teams.set(teamId, {
      id: teamId,
      name: `team-${g}`,
      displayName: group.displayName,
      description: '',
      kind: 'scim',
      memberIds,
    });
    links.set(group.id, teamId);
  });
  world.engine.adoptProvisioned(links);

  const subjects = [...users, ...groups];
  const history = new SyntheticHistory({
    seed: options.seed,
    entries: options.logEntries,
    from: endsAt - options.days * 86_400_000,
    to: endsAt - 60_000,
    cycleMs: 40 * 60_000,
    failureRate: options.failureRate,
    tenantId: tenant.tenantId,
    jobId: world.jobId,
    servicePrincipal: logServicePrincipal(world),
    subjects: {
      ids: subjects.map((s) => s.id),
      names: subjects.map((s) => ('userPrincipalName' in s ? s.userPrincipalName : s.displayName)),
      scimIds: subjects.map((s) => links.get(s.id) ?? ''),
      firstGroup: users.length,
    },
  });
  tenant.history = history;
  return {
    usersInScope: inScope.size,
    provisionedUsers: users.filter((u) => links.has(u.id)).length,
    provisionedTeams: groups.length,
    drifted,
    history,
  };
}
