import type { EmulatedGroup, EmulatedServicePrincipal, EmulatedUser, JsonObject } from '../tenant-types';

/** A user as Graph returns it; the default property set leaves out accountEnabled and mailNickname. */
export function userResource(user: EmulatedUser, select: string[] | null): JsonObject {
  const all: JsonObject = {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: user.preferredLanguage,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    mailNickname: user.mailNickname,
    userType: user.userType,
    postalCode: null,
    identities: [
      {
        signInType: 'userPrincipalName',
        issuer: user.userPrincipalName.split('@')[1] ?? '',
        issuerAssignedId: user.userPrincipalName,
      },
    ],
  };
  const defaults = [
    'id',
    'businessPhones',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
  ];
  return pick(all, select ?? defaults);
}

export function groupResource(group: EmulatedGroup, select: string[] | null): JsonObject {
  const all: JsonObject = {
    id: group.id,
    displayName: group.displayName,
    mailNickname: group.mailNickname,
    securityEnabled: group.securityEnabled,
    mailEnabled: false,
    groupTypes: [],
    description: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    mail: null,
    visibility: null,
    organizationId: null,
  };
  return pick(all, select ?? Object.keys(all));
}

export function servicePrincipalResource(sp: EmulatedServicePrincipal): JsonObject {
  return {
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName,
    appDisplayName: sp.displayName,
    preferredSingleSignOnMode: sp.preferredSingleSignOnMode,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appRoleAssignmentRequired: true,
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
  };
}

/** `$select` keeps only the named properties (and always `id`, as Graph does). */
export function pick(resource: JsonObject, select: string[]): JsonObject {
  const keep = new Set(['id', ...select]);
  return Object.fromEntries(Object.entries(resource).filter(([key]) => keep.has(key)));
}

export function parseSelect(raw: string | null): string[] | null {
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}
