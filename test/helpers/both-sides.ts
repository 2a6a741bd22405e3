import { createCredential } from '../../electron/core/entra/credential-factory';
import { EntraGraph } from '../../electron/core/entra/graph-api';
import { createGraphClient } from '../../electron/core/entra/graph-client';
import type {
  AppRoleAssignment,
  DirectoryObject,
  ProvisioningEntry,
  SecretPair,
  SynchronizationJob,
} from '../../electron/core/entra/graph-types';
import { PulumiRestClient } from '../../electron/core/pulumi/rest-client';
import type { OrganizationMember, PulumiTeamInfo } from '../../electron/core/pulumi/rest-types';
import { PulumiScimClient } from '../../electron/core/pulumi/scim-client';
import type { ScimGroup, ScimUser } from '../../electron/core/pulumi/scim-types';
import { systemClock } from '../../electron/core/time/clock';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import type { EmulatedWorld } from '../../electron/emulators/emulated-world';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';

/** ScimWatch's own clients, registered in an emulated world as an admin would register the app. */
export interface WorldClients {
  graph: EntraGraph;
  scim: PulumiScimClient;
  rest: PulumiRestClient;
}

/** ScimWatch's saved credentials for a world: its app registration and the Pulumi token it was given. */
export interface ScimWatchRegistration {
  clientId: string;
  clientSecret: string;
  scimToken: string;
}

/** Registers ScimWatch's app in the world's tenant, as an admin would, and notes the current SCIM token. */
export function registerScimWatch(world: EmulatedWorld): ScimWatchRegistration {
  const { clientId, clientSecret, scimToken } = connectScimWatch(world);
  return { clientId, clientSecret, scimToken };
}

/** A fresh set of ScimWatch's clients (new credential, empty token cache) for a registration. */
export function scimwatchClients(
  world: EmulatedWorld,
  { clientId, clientSecret, scimToken }: ScimWatchRegistration = registerScimWatch(world),
): WorldClients {
  const transport = new TransportFactory({ env: {} });
  transport.addCa(world.graph.caPem);
  transport.addCa(world.pulumi.caPem);
  const credential = createCredential({
    settings: {
      tenantId: world.graph.tenant.tenantId,
      clientId,
      authMethod: 'secret',
      authorityHost: world.graph.origin,
    },
    secrets: { clientSecret },
    transport,
  });
  const client = createGraphClient({
    graphUrl: world.graph.origin,
    credential,
    transport,
    clock: systemClock,
    retryDelaySeconds: 1,
    budgetFor: () => undefined,
  });
  return {
    graph: new EntraGraph(client),
    // The token the admin gave ScimWatch: if Pulumi's is regenerated later, ScimWatch is locked out too.
    scim: new PulumiScimClient({ baseUrl: world.pulumi.scimBaseUrl, token: scimToken, transport }),
    rest: new PulumiRestClient({
      apiUrl: world.pulumi.origin,
      org: world.pulumi.org.name,
      token: world.pulumi.accessToken,
      transport,
    }),
  };
}

/** A read that may fail: the value, or the error ScimWatch's client raised. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

async function read<T>(call: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const { code = 'error', message = String(error) } = error as { code?: string; message?: string };
    return { ok: false, error: { code, message } };
  }
}

/** Both sides as ScimWatch's clients see them: what the collectors and reconciliation will work from. */
export interface BothSides {
  assignments: AppRoleAssignment[];
  /** Assigned users and direct members of assigned groups, by id. */
  entraUsers: Map<string, DirectoryObject>;
  /** Assigned groups with their direct members, by id. */
  entraGroups: Map<string, { displayName: string; members: DirectoryObject[] }>;
  job: SynchronizationJob;
  schema: Record<string, unknown>;
  secrets: SecretPair[];
  logs: Read<ProvisioningEntry[]>;
  scimUsers: Read<ScimUser[]>;
  scimGroups: Read<ScimGroup[]>;
  teams: Read<PulumiTeamInfo[]>;
  members: Read<OrganizationMember[]>;
  samlEnabled: Read<boolean>;
}

const userFields = ['id', 'userPrincipalName', 'mail', 'displayName', 'accountEnabled'];

export async function readBothSides(world: EmulatedWorld, clients: WorldClients): Promise<BothSides> {
  const { graph } = clients;
  const sp = world.servicePrincipalId;
  const assignments = await graph.assignments(sp);
  const entraGroups = new Map<string, { displayName: string; members: DirectoryObject[] }>();
  const userIds = new Set(assignments.filter((a) => a.principalType === 'User').map((a) => a.principalId));
  const groupIds = assignments.filter((a) => a.principalType === 'Group').map((a) => a.principalId);
  const groupNames = groupIds.length ? (await graph.groupsDelta(null, groupIds, ['displayName'])).items : [];
  for (const id of groupIds) {
    const members = await graph.groupMembers(id, [...userFields, 'displayName']);
    const displayName = groupNames.find((g) => g.id === id)?.displayName as string | undefined;
    entraGroups.set(id, { displayName: displayName ?? '', members });
    for (const member of members)
      if (member['@odata.type'] !== '#microsoft.graph.group') userIds.add(member.id);
  }
  const users = await graph.users([...userIds], userFields);
  const logs = await read(async () => {
    const entries: ProvisioningEntry[] = [];
    for await (const page of graph.provisioningEvents({ servicePrincipalId: sp })) entries.push(...page);
    return entries;
  });
  return {
    assignments,
    entraUsers: new Map(users.map((u) => [u.id, u])),
    entraGroups,
    job: await graph.job(sp, world.jobId),
    schema: await graph.schema(sp, world.jobId),
    secrets: await graph.secrets(sp),
    logs,
    scimUsers: await read(() => clients.scim.listUsers()),
    scimGroups: await read(() => clients.scim.listGroups()),
    teams: await read(() => clients.rest.teams()),
    members: await read(() => clients.rest.members()),
    samlEnabled: await read(
      async () => (await clients.rest.organization()).features?.samlSsoEnabled === true,
    ),
  };
}
