/**
 * What Pulumi's SCIM service accepts, written once so the emulator, the reconciliation and the
 * guided fixes agree (Pulumi's SCIM documentation; ARCHITECTURE.md, "The emulated world").
 */

/** The six user attributes Pulumi accepts; any other mapped attribute makes the request fail. */
export const pulumiUserAttributes: ReadonlySet<string> = new Set([
  'userName',
  'active',
  'displayName',
  'emails[type eq "work"].value',
  'name.givenName',
  'name.familyName',
]);

/** Pulumi Cloud's limit on team names. */
export const cloudTeamNameLimit = 100;

/** The limit older self-hosted Pulumi versions enforce (and Pulumi's Entra guide still states). */
export const selfHostedTeamNameLimit = 40;
