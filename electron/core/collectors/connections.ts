import type { SecretName, Settings } from '../../../shared/contract';
import { effectiveSettings, settingValues } from '../config/effective-settings';
import type { TokenCredential } from '@azure/identity';

import { createCredential, graphScope } from '../entra/credential-factory';
import {
  loadAuthenticationRecord,
  persistTokenCacheIn,
  rememberSignIn,
  type CredentialStateStore,
  type SignInCredential,
} from '../entra/credential-persistence';
import { EntraGraph } from '../entra/graph-api';
import { createGraphClient } from '../entra/graph-client';
import type { HandlerContext } from '../handlers/context';
import { PulumiRestClient } from '../pulumi/rest-client';
import { PulumiScimClient } from '../pulumi/scim-client';
import { readSavedSettings } from '../store/settings-repo';
import { Budgets, type BudgetSpec } from '../time/budget';
import { reportsBudget } from './budget-overrides';
import { systemClock, type Clock } from '../time/clock';
import { TransportFactory } from '../transport/transport-factory';

/** The clients one profile polls with, built from its effective settings and secrets. */
export interface Connections {
  settings: Partial<Settings>;
  graph: EntraGraph | null;
  /** The credential behind `graph`, for the connection test's token probe. */
  credential: TokenCredential | null;
  graphScope: string;
  scim: PulumiScimClient | null;
  rest: PulumiRestClient | null;
  /** Why a side has no client (missing settings), in words a person can act on. */
  missing: { entra: string | null; pulumi: string | null };
}

/** Everything collectors share across passes: one transport, one set of budgets, one clock. */
export interface CollectorRuntime {
  clock: Clock;
  budgets: Budgets;
}

export function createRuntime(
  budgetOverrides: Record<string, BudgetSpec> = {},
  clock: Clock = systemClock,
): CollectorRuntime {
  return { clock, budgets: new Budgets(clock, budgetOverrides) };
}

const secretOf = (context: HandlerContext, name: SecretName) =>
  context.host.secret(context.config.profile, name);

/** Builds the Graph and Pulumi clients; a side whose settings are incomplete gets null and a reason. */
export async function openConnections(
  context: HandlerContext,
  runtime: CollectorRuntime,
): Promise<Connections> {
  const settings = settingValues(
    effectiveSettings(context.config.environmentSettings, readSavedSettings(context.db)),
  );
  const transport = new TransportFactory({ caFile: settings.caFile, env: process.env });
  const [clientSecret, clientCertPassword, scimToken, accessToken] = await Promise.all([
    secretOf(context, 'clientSecret'),
    secretOf(context, 'clientCertPassword'),
    secretOf(context, 'pulumiScimToken'),
    secretOf(context, 'pulumiAccessToken'),
  ]);

  const entraMissing =
    !settings.tenantId || !settings.clientId
      ? 'Set the tenant id and client id of ScimWatch’s app registration.'
      : !settings.servicePrincipalId && !settings.provisioningAppId
        ? 'Set the service principal id (or app id) of the Pulumi provisioning app.'
        : null;
  let graph: EntraGraph | null = null;
  let credential: TokenCredential | null = null;
  const graphUrl = settings.graphUrl ?? 'https://graph.microsoft.com';
  if (!entraMissing && settings.tenantId && settings.clientId) {
    const delegated = settings.authMethod === 'device-code' || settings.authMethod === 'interactive';
    const store: CredentialStateStore = {
      load: (name) => context.host.secret(context.config.profile, name),
      save: (name, value) => context.host.setSecret(context.config.profile, name, value),
    };
    if (delegated) persistTokenCacheIn(store);
    const authenticationRecord = delegated ? await loadAuthenticationRecord(store) : undefined;
    const created = createCredential({
      settings: {
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        authMethod: settings.authMethod ?? 'secret',
        authorityHost: settings.authorityHost ?? 'https://login.microsoftonline.com',
        clientCertPath: settings.clientCertPath,
      },
      secrets: { clientSecret, clientCertPassword },
      transport,
      onDeviceCode: (prompt) => context.emit('auth.prompt', prompt),
      ...(delegated ? { signedIn: { authenticationRecord } } : {}),
    });
    credential = delegated
      ? rememberSignIn(created as SignInCredential, store, authenticationRecord !== undefined)
      : created;
    graph = new EntraGraph(
      createGraphClient({
        graphUrl,
        credential,
        transport,
        clock: runtime.clock,
        budgetFor: (url) =>
          url.pathname.includes('/auditLogs/')
            ? runtime.budgets.get('graph.reports', reportsBudget)
            : undefined,
      }),
      settings.authMethod === 'device-code' || settings.authMethod === 'interactive'
        ? 'delegated'
        : 'application',
    );
  }

  const pulumiMissing = !settings.pulumiOrg
    ? 'Set the Pulumi organization name.'
    : !scimToken
      ? 'Paste the Pulumi SCIM token (the one Entra’s provisioning uses).'
      : null;
  const apiUrl = (settings.pulumiApiUrl ?? 'https://api.pulumi.com').replace(/\/+$/, '');
  const scim =
    !pulumiMissing && settings.pulumiOrg && scimToken
      ? new PulumiScimClient({
          baseUrl: `${apiUrl}/scim/v2/${encodeURIComponent(settings.pulumiOrg)}`,
          token: scimToken,
          transport,
          concurrency: 3,
        })
      : null;
  const rest =
    settings.pulumiOrg && accessToken
      ? new PulumiRestClient({ apiUrl, org: settings.pulumiOrg, token: accessToken, transport })
      : null;
  return {
    settings,
    graph,
    credential,
    graphScope: graphScope(graphUrl),
    scim,
    rest,
    missing: { entra: entraMissing, pulumi: pulumiMissing },
  };
}
