import type { ServerResponse } from 'node:http';

import type { OrgMembership, PulumiAccount, PulumiOrg, PulumiTeam } from './pulumi-org';

export const scimSchemas = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
};

export function sendScim(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/scim+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A SCIM error body as Pulumi sends it (scimType values include Pulumi's non-RFC "immutability"). */
export function sendScimError(
  res: ServerResponse,
  org: PulumiOrg,
  status: number,
  detail: string,
  scimType?: string,
  headers: Record<string, string> = {},
): void {
  sendScim(res, status, scimErrorBody(status, detail, scimType, org.options.statusAsString), headers);
}

/** The error body itself (the `scale` scenario's synthetic log quotes it as Entra would). */
export function scimErrorBody(status: number, detail: string, scimType?: string, statusAsString = true) {
  return {
    schemas: [scimSchemas.error],
    status: statusAsString ? String(status) : status,
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

export function userResource(
  base: string,
  account: PulumiAccount,
  membership: OrgMembership,
): Record<string, unknown> {
  return {
    schemas: [scimSchemas.user],
    id: account.id,
    userName: account.userName,
    displayName: account.displayName,
    name: { givenName: account.givenName, familyName: account.familyName },
    emails: account.email ? [{ value: account.email, type: 'work', primary: true }] : [],
    active: membership.active,
    meta: {
      resourceType: 'User',
      created: membership.created,
      lastModified: membership.created,
      location: `${base}/Users/${account.id}`,
    },
  };
}

export function groupResource(
  base: string,
  org: PulumiOrg,
  team: PulumiTeam,
  withMembers: boolean,
): Record<string, unknown> {
  return {
    schemas: [scimSchemas.group],
    id: team.id,
    displayName: team.displayName,
    ...(withMembers
      ? {
          members: team.memberIds.map((id) => ({
            value: id,
            display: org.accounts.get(id)?.displayName ?? id,
            $ref: `${base}/Users/${id}`,
          })),
        }
      : {}),
    meta: { resourceType: 'Group', location: `${base}/Groups/${team.id}` },
  };
}

export function listResponse(
  resources: unknown[],
  totalResults: number,
  startIndex: number,
): Record<string, unknown> {
  return {
    schemas: [scimSchemas.list],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
