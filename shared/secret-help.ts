import type { SecretName } from './contract';

/** What each secret is and where it comes from, shown beside it in Settings. */
export const secretHelp: Record<SecretName, string> = {
  clientSecret: 'A client secret of ScimWatch’s own app registration in Entra (Certificates & secrets).',
  clientCertPassword: 'The password of the client certificate’s private key, if it has one.',
  pulumiScimToken:
    'The SCIM token Pulumi showed once when SCIM was enabled (Settings → Access management in Pulumi) — the same token pasted into Entra as the Secret Token. Pulumi never shows it again. If it is lost, regenerate it in Pulumi and immediately paste the new one into Entra’s provisioning Admin Credentials (Secret Token) and here: the old token stops working at once, and Entra quarantines the job after repeated 401s.',
  pulumiAccessToken:
    'Optional: a Pulumi access token of an org admin, for the REST API (team kinds, roles, SAML and SCIM flags, audit log).',
};
