import type { SecretName, Settings } from '../../../shared/contract';
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
import { currentSettings, type CoreContext } from '../context';
import { PulumiRestClient } from '../pulumi/rest-client';
import { PulumiScimClient } from '../pulumi/scim-client';
import { Budgets, type BudgetSpec } from '../time/budget';
import { onDemandBudget, passRetryKey, reportsBudget } from './budget-overrides';
import { systemClock, type Clock } from '../time/clock';
import { RequestStats } from '../transport/request-stats';
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
  /** Every request the collectors send, counted (a pass reports its share). */
  stats: RequestStats;
  /** The wait before a pass's first round of asking failed sources again (doubling after). */
  passRetryDelayMs: number;
}

export function createRuntime(
  budgetOverrides: Record<string, BudgetSpec> = {},
  clock: Clock = systemClock,
): CollectorRuntime {
  return {
    clock,
    budgets: new Budgets(clock, budgetOverrides),
    stats: new RequestStats(),
    passRetryDelayMs: budgetOverrides[passRetryKey]?.windowMs ?? 1_000,
  };
}

const secretOf = (context: CoreContext, name: SecretName) =>
  context.host.secret(context.config.profile, name);

/** Why Entra's side cannot be read yet, in words a person can act on; null when it can. */
function entraMissing(settings: Partial<Settings>): string | null {
  return !settings.tenantId || !settings.clientId
    ? 'Set the tenant id and client id of ScimWatch’s app registration.'
    : !settings.servicePrincipalId && !settings.provisioningAppId
      ? 'Set the service principal id (or app id) of the Pulumi provisioning app.'
      : null;
}

/**
 * The Graph client with its credential: delegated sign-ins keep their token cache and account in the
 * secret store, so a device-code sign-in survives a restart.
 */
async function openGraph(
  context: CoreContext,
  runtime: CollectorRuntime,
  settings: Partial<Settings> & { tenantId: string; clientId: string },
  transport: TransportFactory,
) {
  const [clientSecret, clientCertPassword] = await Promise.all([
    secretOf(context, 'clientSecret'),
    secretOf(context, 'clientCertPassword'),
  ]);
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
  const credential: TokenCredential = delegated
    ? rememberSignIn(created as SignInCredential, store, authenticationRecord !== undefined)
    : created;
  const graph = new EntraGraph(
    createGraphClient({
      graphUrl: settings.graphUrl ?? 'https://graph.microsoft.com',
      credential,
      transport,
      clock: runtime.clock,
      budgetFor: (url) =>
        url.pathname.includes('/auditLogs/')
          ? runtime.budgets.get('graph.reports', reportsBudget)
          : url.pathname.endsWith('/provisionOnDemand')
            ? runtime.budgets.get('graph.onDemand', onDemandBudget)
            : undefined,
    }),
    delegated ? 'delegated' : 'application',
  );
  return { graph, credential };
}

/** Pulumi's SCIM client (needs the org and the SCIM token) and the optional REST client (the access token). */
async function openPulumi(context: CoreContext, settings: Partial<Settings>, transport: TransportFactory) {
  const [scimToken, accessToken] = await Promise.all([
    secretOf(context, 'pulumiScimToken'),
    secretOf(context, 'pulumiAccessToken'),
  ]);
  const missing = !settings.pulumiOrg
    ? 'Set the Pulumi organization name.'
    : !scimToken
      ? 'Paste the Pulumi SCIM token (the one Entra’s provisioning uses).'
      : null;
  const apiUrl = (settings.pulumiApiUrl ?? 'https://api.pulumi.com').replace(/\/+$/, '');
  const scim =
    !missing && settings.pulumiOrg && scimToken
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
  return { scim, rest, missing };
}

/** Builds the Graph and Pulumi clients; a side whose settings are incomplete gets null and a reason. */
export async function openConnections(context: CoreContext, runtime: CollectorRuntime): Promise<Connections> {
  const settings = currentSettings(context);
  const transport = new TransportFactory({ caFile: settings.caFile, env: process.env, stats: runtime.stats });
  const missingEntra = entraMissing(settings);
  const { tenantId, clientId } = settings;
  const entra =
    !missingEntra && tenantId && clientId
      ? await openGraph(context, runtime, { ...settings, tenantId, clientId }, transport)
      : { graph: null, credential: null };
  const pulumi = await openPulumi(context, settings, transport);
  return {
    settings,
    ...entra,
    graphScope: graphScope(settings.graphUrl ?? 'https://graph.microsoft.com'),
    scim: pulumi.scim,
    rest: pulumi.rest,
    missing: { entra: missingEntra, pulumi: pulumi.missing },
  };
}
