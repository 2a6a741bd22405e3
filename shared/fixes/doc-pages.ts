/**
 * Every documentation page a guided fix may cite, in one table: the next time Pulumi's or
 * Microsoft's docs move, this is the one edit. Pulumi's pages use the layout of the guide ScimWatch
 * is built from, which gives its own address as /docs/administration/access-identity/scim/entra/ and
 * links SAML at /docs/administration/access-identity/saml/entra/; the docs site keeps older layouts
 * only as aliases.
 */
export interface DocPage {
  title: string;
  /** Origin and path. */
  url: string;
  /** A section of the page, without '#'. */
  anchor?: string;
  /** Where the address was taken from. */
  source: string;
}

const pulumi = 'https://www.pulumi.com/docs/administration/access-identity';
const learn = 'https://learn.microsoft.com/en-us/entra/identity';
const seed = "Pulumi's guide to SCIM with Entra ID (its own address and links; the access-identity layout)";

export const docPages = {
  'pulumi-scim': { title: 'Pulumi: SCIM provisioning', url: `${pulumi}/scim/`, source: seed },
  'pulumi-scim-capabilities': {
    title: 'Pulumi: what SCIM provisions (users, groups as teams)',
    url: `${pulumi}/scim/`,
    anchor: 'capabilities',
    source: seed,
  },
  'pulumi-scim-attributes': {
    title: 'Pulumi: the user attributes SCIM accepts',
    url: `${pulumi}/scim/`,
    anchor: 'supported-attributes',
    source: seed,
  },
  'pulumi-scim-usernames': {
    title: 'Pulumi: usernames cannot change',
    url: `${pulumi}/scim/`,
    anchor: 'usernames-cannot-change',
    source: seed,
  },
  'pulumi-scim-entra': {
    title: 'Pulumi: provisioning from Microsoft Entra ID',
    url: `${pulumi}/scim/entra/`,
    source: `${seed}: the guide's own url`,
  },
  'pulumi-scim-troubleshooting': {
    title: 'Pulumi: SCIM troubleshooting (the exact errors and their resolutions)',
    url: `${pulumi}/scim/troubleshooting/`,
    source: seed,
  },
  'pulumi-saml-entra': {
    title: 'Pulumi: SAML SSO with Entra ID',
    url: `${pulumi}/saml/entra/`,
    source: `${seed}: its prerequisite link`,
  },
  'ms-provision-on-demand': {
    title: 'Microsoft: provision on demand',
    url: `${learn}/app-provisioning/provision-on-demand`,
    source: 'Microsoft Learn',
  },
  'ms-provisioning-logs': {
    title: 'Microsoft: provisioning logs',
    url: `${learn}/monitoring-health/concept-provisioning-logs`,
    source: 'Microsoft Learn',
  },
  'ms-check-status': {
    title: 'Microsoft: check the status of user provisioning',
    url: `${learn}/app-provisioning/check-status-user-account-provisioning`,
    source: 'Microsoft Learn',
  },
  'ms-quarantine': {
    title: 'Microsoft: provisioning in quarantine',
    url: `${learn}/app-provisioning/application-provisioning-quarantine-status`,
    source: 'Microsoft Learn',
  },
  'ms-when-finished': {
    title: 'Microsoft: when will provisioning finish for a user',
    url: `${learn}/app-provisioning/application-provisioning-when-will-provisioning-finish-specific-user`,
    source: 'Microsoft Learn',
  },
  'ms-known-issues': {
    title: 'Microsoft: known issues of application provisioning',
    url: `${learn}/app-provisioning/known-issues`,
    source: 'Microsoft Learn',
  },
  'ms-data-retention': {
    title: 'Microsoft: how long Entra keeps report data',
    url: `${learn}/monitoring-health/reference-reports-data-retention`,
    source: 'Microsoft Learn',
  },
  'ms-provisioning-object-summary': {
    title: 'Microsoft Graph: the provisioning log entry',
    url: 'https://learn.microsoft.com/en-us/graph/api/resources/provisioningobjectsummary',
    source: 'Microsoft Learn',
  },
} satisfies Record<string, DocPage>;

export type DocPageId = keyof typeof docPages;
export const docPageIds = Object.keys(docPages) as [DocPageId, ...DocPageId[]];

/** A page's address, with its section. */
export function docUrl(id: DocPageId): string {
  const page: DocPage = docPages[id];
  return page.anchor ? `${page.url}#${page.anchor}` : page.url;
}
