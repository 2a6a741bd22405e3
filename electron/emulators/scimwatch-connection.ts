import { randomBytes, randomUUID } from 'node:crypto';

import { scimwatchApplicationPermissions } from '../../shared/graph-permissions';
import type { EmulatedWorld } from './emulated-world';

/** ScimWatch set up against a world as an admin would: its app registration, tokens, and settings. */
export interface ScimWatchConnection {
  clientId: string;
  clientSecret: string;
  /** The Pulumi SCIM token as it was when ScimWatch was given it. */
  scimToken: string;
  /** A Pulumi access token for the REST API. */
  accessToken: string;
  /** SCIMWATCH_* variables pointing a core or the CLI at the world (the CA file is the caller's). */
  environment: Record<string, string>;
  /** Both emulators' CAs, to write to SCIMWATCH_CA_FILE. */
  caPem: string;
}

/**
 * Registers ScimWatch's app in the world's tenant (fresh credentials, the permissions ScimWatch asks
 * for) and gives it a Pulumi access token.
 */
export function connectScimWatch(world: EmulatedWorld, displayName = 'ScimWatch'): ScimWatchConnection {
  const clientId = randomUUID();
  const clientSecret = `sw-${randomBytes(18).toString('base64url')}`;
  world.graph.tenant.clients.set(clientId, {
    appId: clientId,
    displayName,
    secrets: [clientSecret],
    certificates: [],
    applicationPermissions: [...scimwatchApplicationPermissions],
    delegatedPermissions: ['AuditLog.Read.All', 'Directory.Read.All', 'Synchronization.Read.All'],
    redirectUris: [],
  });
  const accessToken = `pul-${randomBytes(18).toString('hex')}`;
  world.pulumi.org.accessTokens.add(accessToken);
  const scimToken = world.pulumi.org.scimToken;
  return {
    clientId,
    clientSecret,
    scimToken,
    accessToken,
    caPem: `${world.graph.caPem.trim()}\n${world.pulumi.caPem.trim()}\n`,
    environment: {
      SCIMWATCH_TENANT_ID: world.graph.tenant.tenantId,
      SCIMWATCH_CLIENT_ID: clientId,
      SCIMWATCH_AUTH: 'secret',
      SCIMWATCH_CLIENT_SECRET: clientSecret,
      SCIMWATCH_SERVICE_PRINCIPAL_ID: world.servicePrincipalId,
      SCIMWATCH_JOB_ID: world.jobId,
      SCIMWATCH_GRAPH_URL: world.graph.origin,
      SCIMWATCH_AUTHORITY_HOST: world.graph.origin,
      SCIMWATCH_PULUMI_ORG: world.pulumi.org.name,
      SCIMWATCH_PULUMI_SCIM_TOKEN: scimToken,
      SCIMWATCH_PULUMI_API_URL: world.pulumi.origin,
      SCIMWATCH_PULUMI_ACCESS_TOKEN: accessToken,
    },
  };
}
