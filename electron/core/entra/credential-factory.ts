import {
  ClientCertificateCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  type AuthenticationRecord,
  type TokenCredential,
} from '@azure/identity';

import { ScimWatchError, type Settings } from '../../../shared/contract';
import type { TransportFactory } from '../transport/transport-factory';

/** Authority hosts of Microsoft's clouds; any other host (an emulator, Azure Stack) skips instance discovery. */
const microsoftAuthorityHosts = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
]);

export interface DeviceCodePrompt {
  message: string;
  verificationUri: string;
  userCode: string;
  expiresAt: string;
}

export interface CredentialInput {
  settings: Pick<Settings, 'tenantId' | 'clientId' | 'authMethod' | 'authorityHost'> & {
    clientCertPath?: string | undefined;
  };
  secrets: { clientSecret?: string | undefined; clientCertPassword?: string | undefined };
  transport: TransportFactory;
  /** Called with the code to show the person (the `auth.prompt` event). */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Fixed redirect for interactive sign-in; MSAL picks a free loopback port when absent. */
  redirectUri?: string;
  /**
   * Keeps a person's sign-in (device code, interactive) across restarts: MSAL's token cache goes to
   * the plugin registered by `persistTokenCacheIn`, the account's record comes from the last sign-in.
   */
  signedIn?: { authenticationRecord: AuthenticationRecord | undefined };
}

/** Builds the @azure/identity credential for the configured sign-in method, with our transport's trust. */
export function createCredential(input: CredentialInput): TokenCredential {
  const { settings, secrets, transport } = input;
  const authorityHost = settings.authorityHost;
  const common = {
    authorityHost,
    // MSAL's instance discovery only knows Microsoft's clouds; for any other authority it must be skipped.
    disableInstanceDiscovery: !microsoftAuthorityHosts.has(new URL(authorityHost).hostname),
    ...transport.identityOptions(),
  };
  const persistence = input.signedIn
    ? {
        tokenCachePersistenceOptions: { enabled: true, name: 'scimwatch' },
        ...(input.signedIn.authenticationRecord
          ? { authenticationRecord: input.signedIn.authenticationRecord }
          : {}),
      }
    : {};
  switch (settings.authMethod) {
    case 'secret':
      if (!secrets.clientSecret) throw missing('SCIMWATCH_CLIENT_SECRET', 'a client secret');
      return new ClientSecretCredential(settings.tenantId, settings.clientId, secrets.clientSecret, common);
    case 'certificate':
      if (!settings.clientCertPath)
        throw missing('SCIMWATCH_CLIENT_CERT_PATH', 'a client certificate (PEM with its private key)');
      return new ClientCertificateCredential(
        settings.tenantId,
        settings.clientId,
        {
          certificatePath: settings.clientCertPath,
          ...(secrets.clientCertPassword ? { certificatePassword: secrets.clientCertPassword } : {}),
        },
        common,
      );
    case 'device-code':
      return new DeviceCodeCredential({
        ...persistence,
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        userPromptCallback: (info) =>
          input.onDeviceCode?.({
            message: info.message,
            verificationUri: info.verificationUri,
            userCode: info.userCode,
            expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
          }),
        ...common,
      });
    case 'interactive':
      return new InteractiveBrowserCredential({
        ...persistence,
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        ...(input.redirectUri ? { redirectUri: input.redirectUri } : {}),
        ...common,
      });
  }
}

function missing(variable: string, what: string): ScimWatchError {
  return new ScimWatchError(
    'not_configured',
    `Signing in needs ${what}.`,
    `Set ${variable}, or enter it in Settings.`,
  );
}

/** The app-only scope for a Graph endpoint: "<graph origin>/.default". */
export function graphScope(graphUrl: string): string {
  return `${new URL(graphUrl).origin}/.default`;
}
