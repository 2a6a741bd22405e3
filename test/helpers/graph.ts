import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TokenCredential } from '@azure/identity';

import type { Settings } from '../../shared/contract';
import { scimwatchApplicationPermissions } from '../../shared/graph-permissions';
import { createCredential, type CredentialInput } from '../../electron/core/entra/credential-factory';
import { EntraGraph } from '../../electron/core/entra/graph-api';
import { createGraphClient } from '../../electron/core/entra/graph-client';
import { Budgets } from '../../electron/core/time/budget';
import { systemClock } from '../../electron/core/time/clock';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import { GraphEmulator, type GraphEmulatorOptions } from '../../electron/emulators/graph/graph-emulator';
import { generateClientCertificate } from '../../electron/emulators/tls/client-certificate';

/** Everything ScimWatch's own app registration may do in Graph, application permissions. */
export const fullApplicationPermissions = scimwatchApplicationPermissions;

export interface GraphWorld {
  emulator: GraphEmulator;
  clientId: string;
  clientSecret: string;
  certPath: string;
  servicePrincipalId: string;
  provisioningAppId: string;
  jobId: string;
  transport: TransportFactory;
  /** The app's settings pointing at the emulator. */
  settings: (authMethod: Settings['authMethod']) => CredentialInput['settings'];
  /** The app's own Graph stack (credential → client with pacing → typed calls) against the emulator. */
  graph: (credential?: TokenCredential, budgets?: Budgets) => EntraGraph;
  credential: (authMethod: Settings['authMethod'], extra?: Partial<CredentialInput>) => TokenCredential;
}

/** Starts the Graph emulator with ScimWatch's app registration and one Pulumi provisioning app. */
export async function startGraphWorld(
  dir: string,
  options: GraphEmulatorOptions = {},
  permissions = fullApplicationPermissions,
): Promise<GraphWorld> {
  const emulator = await GraphEmulator.start({ deviceCodeInterval: 1, ...options });
  const { tenant } = emulator;
  const clientId = randomUUID();
  const clientSecret = `secret-${randomUUID()}`;
  const cert = await generateClientCertificate();
  const certPath = join(dir, 'client.pem');
  writeFileSync(certPath, cert.keyPem + cert.certPem, { mode: 0o600 });
  tenant.clients.set(clientId, {
    appId: clientId,
    displayName: 'ScimWatch',
    secrets: [clientSecret],
    certificates: [cert.certPem],
    applicationPermissions: permissions,
    delegatedPermissions: ['AuditLog.Read.All', 'Directory.Read.All', 'Synchronization.Read.All'],
    redirectUris: [],
  });
  const { servicePrincipal, jobId } = tenant.addProvisioningApp({
    displayName: 'Pulumi Cloud',
    baseAddress: 'https://api.pulumi.com/scim/v2/acme',
    secretToken: 'pulumi-scim-token-never-readable',
    ownerAppIds: [clientId],
  });
  const transport = new TransportFactory({ env: {} });
  transport.addCa(emulator.caPem);
  const settings = (authMethod: Settings['authMethod']) => ({
    tenantId: tenant.tenantId,
    clientId,
    authMethod,
    authorityHost: emulator.origin,
    clientCertPath: certPath,
  });
  const credential = (authMethod: Settings['authMethod'], extra: Partial<CredentialInput> = {}) =>
    createCredential({ settings: settings(authMethod), secrets: { clientSecret }, transport, ...extra });
  const graph = (cred = credential('secret'), budgets = new Budgets(systemClock)) =>
    new EntraGraph(
      createGraphClient({
        graphUrl: emulator.origin,
        credential: cred,
        transport,
        clock: systemClock,
        retryDelaySeconds: 1,
        budgetFor: (url) =>
          url.pathname.includes('/auditLogs/')
            ? budgets.get('graph.reports', { count: 5, windowMs: 10_000 })
            : undefined,
      }),
    );
  return {
    emulator,
    clientId,
    clientSecret,
    certPath,
    servicePrincipalId: servicePrincipal.id,
    provisioningAppId: servicePrincipal.appId,
    jobId,
    transport,
    settings,
    graph,
    credential,
  };
}
