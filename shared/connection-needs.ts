import { graphPermissions, type GraphEndpoint } from './graph-permissions';

/** Graph's application permissions for endpoints, least privileged alternative first, as one phrase. */
function permissions(...endpoints: GraphEndpoint[]): string {
  return endpoints
    .map((endpoint) =>
      graphPermissions[endpoint].application.map((alternative) => alternative.join(' + ')).join(' or '),
    )
    .join('; and ')
    .concat(' (application permissions, with admin consent)');
}

/**
 * What each check of `connection.test` needs to pass: the permission, licence or token. The
 * Configuration page shows it beside the check, so a failure says what to grant.
 */
export const connectionCheckNeeds: Record<string, string> = {
  'entra.token':
    'An app registration for ScimWatch in the tenant: tenant id, client id and a client secret or certificate.',
  'entra.servicePrincipal': permissions('servicePrincipalRead'),
  'entra.provisioningLogs': `${permissions('provisioningLogs')}, and a Microsoft Entra ID P1 or P2 licence in the tenant.`,
  'entra.job': permissions('synchronizationRead'),
  'entra.secrets': permissions('synchronizationWrite'),
  'entra.assignments': permissions('appRoleAssignments', 'groupMembers'),
  'entra.users': permissions('usersDelta', 'groupsDelta'),
  'pulumi.scim':
    'The SCIM token Pulumi shows under Settings → Access Management (SAML SSO and SCIM), the same one Entra sends.',
  'pulumi.rest': 'A Pulumi access token of an organization admin (for SAML, admins and teams).',
};
