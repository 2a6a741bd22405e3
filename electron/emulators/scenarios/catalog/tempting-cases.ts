import { addAssignedGroup, addAssignedUser } from '../world-steps';
import type { CatalogWorld } from './catalog-world';

/** What the tempting world holds, so a test can look for (the absence of) findings about each. */
export interface TemptingSubjects {
  disabledUsers: string[];
  longTeamNames: string[];
  mailNotUpn: string;
  guest: string;
  failedThenSucceeded: string;
  outOfScopeWithoutMail: string;
}

/**
 * A healthy world full of things that look like drift and are not: users correctly disabled (one
 * deprovisioned, one never created), team names of 41 to 100 characters on Pulumi Cloud, a mail that
 * differs from the UPN, a guest (`#EXT#` UPN), a failure later followed by a success, and people
 * outside the assignment who have no mail.
 */
export async function arrangeTemptingNonDrift(world: CatalogWorld): Promise<TemptingSubjects> {
  const { tenant } = world.graph;
  const leaver = addAssignedUser(world, 'leaver@contoso.test');
  const mailNotUpn = addAssignedUser(world, 'lena@contoso.test', { mail: 'lena.berg@contoso.test' });
  const guest = tenant.addUser({
    userPrincipalName: 'max_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    mail: 'max@fabrikam.com',
    displayName: 'Max (Fabrikam)',
    userType: 'Guest',
  }).id;
  tenant.assign(world.servicePrincipalId, guest);
  const fortyOne = 'Site Reliability Engineering On-Call Crew';
  const hundred =
    'Platform Engineering, Developer Experience and Internal Tooling Working Group for EMEA/APAC/US, 2026';
  const longTeamNames = [fortyOne, hundred];
  addAssignedGroup(world, fortyOne, [leaver, mailNotUpn]);
  addAssignedGroup(world, hundred, [guest]);

  // Her first push failed (a personal account held the email); the owner changed it and the retry worked.
  const holder = world.pulumi.org.addPersonalAccount({
    userName: 'noor-personal',
    email: 'noor@contoso.test',
  });
  const failedThenSucceeded = addAssignedUser(world, 'noor@contoso.test');
  const neverCreated = tenant.addUser({ userPrincipalName: 'ola@contoso.test', mail: 'ola@contoso.test' }).id;
  tenant.updateUser(neverCreated, { accountEnabled: false });
  tenant.assign(world.servicePrincipalId, neverCreated);
  const outOfScopeWithoutMail = tenant.addUser({ userPrincipalName: 'kiosk@contoso.test', mail: null }).id;
  await world.engine.runCycle();

  holder.email = 'noor@personal.example';
  tenant.updateUser(leaver, { accountEnabled: false });
  world.advance(40 * 60_000);
  await world.engine.runCycle();
  return {
    disabledUsers: [leaver, neverCreated],
    longTeamNames,
    mailNotUpn,
    guest,
    failedThenSucceeded,
    outOfScopeWithoutMail,
  };
}
