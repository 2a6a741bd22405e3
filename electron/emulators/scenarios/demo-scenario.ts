import { seededRandom } from '../faults';
import type { EmulatedWorld } from '../emulated-world';
import type { EmulatedUser } from '../graph/tenant-types';
import { applyPulumiGuide } from './pulumi-guide-schema';
import { liveSchema, useHealthyConfiguration } from './world-steps';

const firstNames = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kira',
  'Luis',
  'Mona',
  'Nils',
  'Oona',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
];
const lastNames = [
  'Alvarez',
  'Brandt',
  'Chen',
  'Dubois',
  'Eze',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
];
const teamNames = [
  'Platform',
  'Payments',
  'Identity',
  'Data',
  'Mobile',
  'Web',
  'Security',
  'SRE',
  'Billing',
  'Search',
  'Growth',
  'Infra',
  'Analytics',
  'Support Tools',
  'Developer Experience',
  'Networking',
  'Storage',
];

export interface DemoScenarioOptions {
  seed: number;
  users: number;
  groups: number;
  /** False gives the `clean` scenario: the same world with every problem left out. */
  plantProblems: boolean;
}

export const demoDefaults: DemoScenarioOptions = { seed: 2026, users: 250, groups: 20, plantProblems: true };
export const cleanDefaults: DemoScenarioOptions = { ...demoDefaults, plantProblems: false };

/** What the demo plants, so tests and the UI can point at each problem. */
export interface DemoPlan {
  emailInUse: string;
  longGroup: string;
  withoutMail: string;
  nestedGroup: string;
}

/**
 * The demo tenant: about 250 people in 20 groups, healthy in the main, with the handful of problems
 * admins really meet — an email already used by another Pulumi account, a group name over 100
 * characters, a user without mail (and so a team member that never gets provisioned), a nested group.
 * Seeded: the same seed gives the same world.
 */
export function seedDemo(world: EmulatedWorld, options: DemoScenarioOptions = demoDefaults): DemoPlan {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const { tenant } = world.graph;
  // The demo keeps two common setup slips (user Delete left on, a single Pulumi admin); clean has none.
  if (options.plantProblems) applyPulumiGuide(liveSchema(world));
  else useHealthyConfiguration(world);

  const users: EmulatedUser[] = [];
  for (let i = 0; i < options.users; i++) {
    const given = pick(firstNames);
    const family = pick(lastNames);
    const guest = i % 40 === 7;
    const local = `${given}.${family}${i}`.toLowerCase();
    const upn = guest ? `${local}_fabrikam.example#EXT#@contoso.onmicrosoft.com` : `${local}@contoso.example`;
    users.push(
      tenant.addUser({
        userPrincipalName: upn,
        displayName: `${given} ${family}`,
        givenName: given,
        surname: family,
        mail: guest ? `${local}@fabrikam.example` : `${local}@contoso.example`,
      }),
    );
  }
  const withoutMail = options.plantProblems
    ? tenant.updateUser(users[5]?.id ?? '', { mail: null })
    : (users[5] as EmulatedUser);
  const emailInUse = users[11] as EmulatedUser;
  if (options.plantProblems)
    world.pulumi.org.addPersonalAccount({ userName: 'personal-account', email: emailInUse.mail ?? '' });

  const groupCount = Math.max(3, options.groups);
  const groups = Array.from({ length: groupCount - 2 }, (_, i) =>
    tenant.addGroup({
      displayName: teamNames[i % teamNames.length] + (i >= teamNames.length ? ` ${i}` : ''),
    }),
  );
  const longGroup = tenant.addGroup({
    displayName: options.plantProblems
      ? `Cloud Infrastructure Platform Engineering and Developer Productivity Enablement Working Group EMEA and APAC Regions`
      : 'Cloud Infrastructure',
  });
  const nestedGroup = tenant.addGroup({ displayName: 'Platform Contractors' });
  users.forEach((user, i) => tenant.addMember((groups[i % groups.length] ?? groups[0])?.id ?? '', user.id));
  tenant.addMember(longGroup.id, users[0]?.id ?? '');
  tenant.addMember(nestedGroup.id, users[1]?.id ?? '');
  tenant.addMember(groups[0]?.id ?? '', nestedGroup.id);
  for (const group of [...groups, longGroup]) tenant.assign(world.servicePrincipalId, group.id);
  // A few people are assigned directly as well.
  for (const user of users.slice(0, 3)) tenant.assign(world.servicePrincipalId, user.id);

  if (options.plantProblems) {
    const owner = world.pulumi.org.addPersonalAccount({
      userName: 'pulumi-admin',
      email: 'admin@contoso.example',
    });
    world.pulumi.org.addInvitedMember(owner, 'admin');
  }
  world.pulumi.org.addTeam({ displayName: 'Release Managers', kind: 'pulumi' });
  return {
    emailInUse: emailInUse.id,
    longGroup: longGroup.id,
    withoutMail: withoutMail.id,
    nestedGroup: nestedGroup.id,
  };
}

/**
 * Ongoing life in the demo tenant between cycles: hires join a team, leavers are disabled, people
 * change names. Seeded, so a run can be replayed.
 */
export function demoActivity(world: EmulatedWorld, seed: number): () => void {
  const random = seededRandom(seed);
  const { tenant } = world.graph;
  let hires = 0;
  return () => {
    const roll = random();
    const users = [...tenant.users.values()].filter((u) => u.accountEnabled);
    const groups = [...tenant.groups.values()].filter((g) => g.displayName.length < 60);
    if (roll < 0.3 && groups.length) {
      hires += 1;
      const given = firstNames[Math.floor(random() * firstNames.length)] ?? 'New';
      const upn = `${given.toLowerCase()}.hire${hires}@contoso.example`;
      const user = tenant.addUser({
        userPrincipalName: upn,
        displayName: `${given} Hire${hires}`,
        givenName: given,
        surname: `Hire${hires}`,
        mail: upn,
      });
      tenant.addMember(groups[Math.floor(random() * groups.length)]?.id ?? '', user.id);
    } else if (roll < 0.45 && users.length > 10) {
      tenant.updateUser(users[Math.floor(random() * users.length)]?.id ?? '', { accountEnabled: false });
    } else if (roll < 0.6 && users.length) {
      const user = users[Math.floor(random() * users.length)];
      if (user)
        tenant.updateUser(user.id, {
          displayName: `${user.displayName.split(' (')[0]} (${Math.floor(random() * 100)})`,
        });
    }
  };
}
