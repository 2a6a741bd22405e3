/** The emulated tenant's data, kept in the shapes Graph returns (camelCase, Graph property names). */

export interface EmulatedUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  jobTitle: string | null;
  preferredLanguage: string | null;
}

export interface EmulatedGroup {
  id: string;
  displayName: string;
  mailNickname: string;
  securityEnabled: boolean;
  createdDateTime: string;
  /** Direct members: user or group ids. */
  memberIds: string[];
}

export interface EmulatedServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  preferredSingleSignOnMode: string | null;
  /** App ids of the apps that own it (Application.ReadWrite.OwnedBy only reaches these). */
  ownerAppIds: string[];
}

export interface EmulatedAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: 'User' | 'Group';
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}

/** An app registration that may ask the emulator for tokens (ScimWatch's own, in tests). */
export interface EmulatedClientApp {
  appId: string;
  displayName: string;
  secrets: string[];
  /** PEM certificates whose keys may sign client assertions. */
  certificates: string[];
  applicationPermissions: string[];
  delegatedPermissions: string[];
  redirectUris: string[];
}

export type JsonObject = Record<string, unknown>;
