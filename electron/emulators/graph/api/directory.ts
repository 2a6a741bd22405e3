import type { ServerResponse } from 'node:http';

import { sendJson, type EmulatorRequest, type Router } from '../../http-kit';
import { authorize, type GraphContext } from '../graph-context';
import { sendGraphError } from '../graph-errors';
import type { JsonObject } from '../tenant-types';
import { groupResource, parseSelect, servicePrincipalResource, userResource } from './directory-shapes';
import { sendPage } from './paging';

const notFound = (res: ServerResponse, id: string) =>
  sendGraphError(
    res,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

/** Service principals, app role assignments, group members, users (incl. `id in (…)`). */
export function registerDirectory(router: Router, context: GraphContext): void {
  const { tenant } = context;

  const member = (id: string, select: string[] | null): JsonObject | null => {
    const user = tenant.users.get(id);
    if (user) return { '@odata.type': '#microsoft.graph.user', ...userResource(user, select) };
    const group = tenant.groups.get(id);
    if (group) return { '@odata.type': '#microsoft.graph.group', ...groupResource(group, select) };
    return null;
  };

  const transitive = (groupId: string, seen = new Set<string>()): string[] => {
    const out: string[] = [];
    for (const id of tenant.groups.get(groupId)?.memberIds ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      if (tenant.groups.has(id)) out.push(...transitive(id, seen));
    }
    return out;
  };

  const members = (req: EmulatorRequest, res: ServerResponse, ids: string[], cast: string | undefined) => {
    const select = parseSelect(req.url.searchParams.get('$select'));
    let items = ids.map((id) => member(id, select)).filter((m): m is JsonObject => m !== null);
    if (cast) {
      const type = `#${cast}`;
      if (type !== '#microsoft.graph.user' && type !== '#microsoft.graph.group')
        return sendGraphError(res, 400, 'BadRequest', `Unknown cast ${cast}.`);
      items = items.filter((m) => m['@odata.type'] === type);
    }
    sendPage(context, req, res, items, 'directoryObjects');
  };

  router
    .on('GET', '/v1.0/servicePrincipals', (req, res) => {
      if (!authorize(context, req, res, 'servicePrincipalRead')) return;
      const filter = req.url.searchParams.get('$filter') ?? '';
      const match = /^appId eq '([^']*)'$/.exec(filter.trim());
      if (filter && !match) return sendGraphError(res, 400, 'BadRequest', `Unsupported filter: ${filter}`);
      const items = [...tenant.servicePrincipals.values()]
        .filter((sp) => !match || sp.appId === match[1])
        .map(servicePrincipalResource);
      sendPage(context, req, res, items, 'servicePrincipals');
    })
    .on('GET', '/v1.0/servicePrincipals/:sp', (req, res) => {
      if (!authorize(context, req, res, 'servicePrincipalRead')) return;
      const sp = tenant.servicePrincipals.get(req.params.sp ?? '');
      if (!sp) return notFound(res, req.params.sp ?? '');
      sendJson(res, 200, {
        '@odata.context': `${context.origin()}/v1.0/$metadata#servicePrincipals/$entity`,
        ...servicePrincipalResource(sp),
      });
    })
    .on('GET', '/v1.0/servicePrincipals/:sp/appRoleAssignedTo', (req, res) => {
      if (!authorize(context, req, res, 'appRoleAssignments', req.params.sp)) return;
      if (!tenant.servicePrincipals.has(req.params.sp ?? '')) return notFound(res, req.params.sp ?? '');
      const items = tenant.assignments
        .filter((a) => a.resourceId === req.params.sp)
        .map((a) => ({ ...a, deletedDateTime: null }));
      sendPage(context, req, res, items, `servicePrincipals('${req.params.sp}')/appRoleAssignedTo`);
    })
    .on('GET', '/v1.0/groups/:group/members', (req, res) => {
      if (!authorize(context, req, res, 'groupMembers')) return;
      const group = tenant.groups.get(req.params.group ?? '');
      if (!group) return notFound(res, req.params.group ?? '');
      members(req, res, group.memberIds, undefined);
    })
    .on('GET', '/v1.0/groups/:group/members/:cast', (req, res) => {
      if (!authorize(context, req, res, 'groupMembers')) return;
      const group = tenant.groups.get(req.params.group ?? '');
      if (!group) return notFound(res, req.params.group ?? '');
      members(req, res, group.memberIds, req.params.cast);
    })
    .on('GET', '/v1.0/groups/:group/transitiveMembers', (req, res) => {
      if (!authorize(context, req, res, 'groupMembers')) return;
      if (!tenant.groups.has(req.params.group ?? '')) return notFound(res, req.params.group ?? '');
      members(req, res, transitive(req.params.group ?? ''), undefined);
    })
    .on('GET', '/v1.0/groups/:group/transitiveMembers/:cast', (req, res) => {
      if (!authorize(context, req, res, 'groupMembers')) return;
      if (!tenant.groups.has(req.params.group ?? '')) return notFound(res, req.params.group ?? '');
      members(req, res, transitive(req.params.group ?? ''), req.params.cast);
    })
    .on('GET', '/v1.0/users', (req, res) => {
      if (!authorize(context, req, res, 'usersRead')) return;
      const filter = (req.url.searchParams.get('$filter') ?? '').trim();
      let ids: string[] | null = null;
      if (filter) {
        const match = /^id in \(((?:'[^']*'\s*,?\s*)+)\)$/.exec(filter);
        if (!match)
          return sendGraphError(res, 400, 'Request_UnsupportedQuery', `Unsupported query: ${filter}`);
        ids = [...(match[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
        if (ids.length > 15)
          return sendGraphError(
            res,
            400,
            'Request_UnsupportedQuery',
            'Too many values in the in() filter (at most 15).',
          );
      }
      const select = parseSelect(req.url.searchParams.get('$select'));
      const users = [...tenant.users.values()]
        .filter((u) => !ids || ids.includes(u.id))
        .map((u) => userResource(u, select));
      sendPage(context, req, res, users, 'users');
    })
    .on('GET', '/v1.0/users/:user', (req, res) => {
      if (!authorize(context, req, res, 'usersRead')) return;
      const id = req.params.user ?? '';
      const user =
        tenant.users.get(id) ??
        [...tenant.users.values()].find((u) => u.userPrincipalName.toLowerCase() === id.toLowerCase());
      if (!user) return notFound(res, id);
      sendJson(res, 200, {
        '@odata.context': `${context.origin()}/v1.0/$metadata#users/$entity`,
        ...userResource(user, parseSelect(req.url.searchParams.get('$select'))),
      });
    });
}
