/**
 * Which Microsoft Graph permissions each endpoint ScimWatch calls accepts. One table: the Graph
 * emulator enforces it and the app explains a 403 from it. Each alternative is a set of permissions
 * that together suffice; least-privileged alternatives come first.
 */
export interface EndpointPermissions {
  endpoint: GraphEndpoint;
  /** What the call is for, in the words the app uses when naming a missing permission. */
  purpose: string;
  application: string[][];
  delegated: string[][];
  docUrl: string;
}

export type GraphEndpoint =
  | 'provisioningLogs'
  | 'synchronizationRead'
  | 'synchronizationWrite'
  | 'servicePrincipalRead'
  | 'appRoleAssignments'
  | 'groupMembers'
  | 'usersRead'
  | 'usersDelta'
  | 'groupsDelta';

const learn = 'https://learn.microsoft.com/en-us/graph/api';

export const graphPermissions: Record<GraphEndpoint, EndpointPermissions> = {
  provisioningLogs: {
    endpoint: 'provisioningLogs',
    purpose: 'read the provisioning logs',
    application: [['AuditLog.Read.All', 'Directory.Read.All']],
    delegated: [['AuditLog.Read.All', 'Directory.Read.All']],
    docUrl: `${learn}/provisioningobjectsummary-list`,
  },
  synchronizationRead: {
    endpoint: 'synchronizationRead',
    purpose: 'read the provisioning job, its schema and status',
    application: [
      ['Application.ReadWrite.OwnedBy'],
      ['Synchronization.Read.All'],
      ['Synchronization.ReadWrite.All'],
    ],
    delegated: [['Synchronization.Read.All'], ['Synchronization.ReadWrite.All']],
    docUrl: `${learn}/synchronization-synchronizationjob-get`,
  },
  synchronizationWrite: {
    endpoint: 'synchronizationWrite',
    purpose: 'read provisioning settings and retry, start, pause or restart provisioning',
    application: [['Application.ReadWrite.OwnedBy'], ['Synchronization.ReadWrite.All']],
    delegated: [['Synchronization.ReadWrite.All']],
    docUrl: `${learn}/synchronization-synchronizationjob-provisionondemand`,
  },
  servicePrincipalRead: {
    endpoint: 'servicePrincipalRead',
    purpose: 'find the provisioning app',
    application: [
      ['Application.Read.All'],
      ['Application.ReadWrite.OwnedBy'],
      ['Application.ReadWrite.All'],
      ['Directory.Read.All'],
    ],
    delegated: [['Application.Read.All'], ['Application.ReadWrite.All'], ['Directory.Read.All']],
    docUrl: `${learn}/serviceprincipal-get`,
  },
  appRoleAssignments: {
    endpoint: 'appRoleAssignments',
    purpose: 'read who is assigned to the provisioning app',
    application: [['Application.Read.All'], ['Application.ReadWrite.OwnedBy'], ['Directory.Read.All']],
    delegated: [['Application.Read.All'], ['Directory.Read.All']],
    docUrl: `${learn}/serviceprincipal-list-approleassignedto`,
  },
  groupMembers: {
    endpoint: 'groupMembers',
    purpose: 'read the members of assigned groups',
    application: [['GroupMember.Read.All'], ['Group.Read.All'], ['Directory.Read.All']],
    delegated: [['GroupMember.Read.All'], ['Group.Read.All'], ['Directory.Read.All']],
    docUrl: `${learn}/group-list-members`,
  },
  usersRead: {
    endpoint: 'usersRead',
    purpose: 'read users (including whether their accounts are enabled)',
    application: [['User.Read.All'], ['Directory.Read.All']],
    delegated: [['User.Read.All'], ['Directory.Read.All']],
    docUrl: `${learn}/user-get`,
  },
  usersDelta: {
    endpoint: 'usersDelta',
    purpose: 'follow changes to users',
    application: [['User.Read.All'], ['Directory.Read.All']],
    delegated: [['User.Read.All'], ['Directory.Read.All']],
    docUrl: `${learn}/user-delta`,
  },
  groupsDelta: {
    endpoint: 'groupsDelta',
    purpose: 'follow changes to groups and their members',
    application: [['GroupMember.Read.All'], ['Group.Read.All'], ['Directory.Read.All']],
    delegated: [['GroupMember.Read.All'], ['Group.Read.All'], ['Directory.Read.All']],
    docUrl: `${learn}/group-delta`,
  },
};

/** True when the granted permissions satisfy one of the endpoint's alternatives. */
export function isPermitted(
  endpoint: GraphEndpoint,
  kind: 'application' | 'delegated',
  granted: readonly string[],
): boolean {
  const have = new Set(granted);
  return graphPermissions[endpoint][kind].some((alternative) => alternative.every((p) => have.has(p)));
}

/** A sentence naming what to grant, for a 403 on this endpoint. */
export function explainMissingPermission(endpoint: GraphEndpoint, kind: 'application' | 'delegated'): string {
  const entry = graphPermissions[endpoint];
  const options = entry[kind].map((set) => set.join(' + ')).join(', or ');
  const type = kind === 'application' ? 'application permission' : 'delegated permission';
  return `ScimWatch needs the ${type} ${options} to ${entry.purpose} (admin consent required). See ${entry.docUrl}`;
}

/** The application permissions ScimWatch's own app registration needs for every feature (least privileged). */
export const scimwatchApplicationPermissions = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Synchronization.ReadWrite.All',
  'Application.Read.All',
  'User.Read.All',
  'GroupMember.Read.All',
];
