import type { ServerResponse } from 'node:http';

import { text, type EmulatorRequest, type Router } from '../http-kit';
import type { PulumiTeam } from './pulumi-org';
import { guard, jsonBody, parseEqFilter, type ScimContext } from './scim-context';
import { groupResource, listResponse, sendScim, sendScimError } from './scim-responses';
import { ScimRejection } from './user-changes';

type MemberRef = { value?: unknown };

/** Groups are Pulumi teams: searches see every team of that name, deletes remove any team. */
export function registerScimGroups(router: Router, context: ScimContext): void {
  const { org } = context;
  const prefix = '/scim/v2/:org/Groups';

  const checkName = (displayName: unknown): string => {
    if (typeof displayName !== 'string' || !displayName.trim())
      throw new ScimRejection(400, 'invalidValue', 'displayName is required.');
    const limit = org.options.teamNameLimit;
    if (displayName.length > limit)
      throw new ScimRejection(
        400,
        'invalidValue',
        `Display name is too long. It must be ${limit} characters or less`,
      );
    return displayName;
  };
  /** Every member must be a provisioned, active user of the org, or the whole write fails. */
  const checkMembers = (refs: unknown): string[] => {
    if (refs === undefined || refs === null) return [];
    if (!Array.isArray(refs)) throw new ScimRejection(400, 'invalidValue', 'members must be an array.');
    const ids = (refs as MemberRef[]).map((r) => text(r.value));
    const invalid = ids.filter((id) => !org.memberships.get(id)?.active);
    if (invalid.length)
      throw new ScimRejection(
        400,
        'invalidValue',
        `Cannot add invalid members to team. Invalid member ids: ${invalid.join(',')}`,
      );
    return ids;
  };
  const uniqueName = (displayName: string) => {
    const base =
      displayName
        .toLowerCase()
        .replace(/[^a-z0-9-_.]+/g, '-')
        .slice(0, 100) || 'team';
    const taken = new Set([...org.teams.values()].map((t) => t.name));
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    return name;
  };
  const withMembers = (req: EmulatorRequest) =>
    !(req.url.searchParams.get('excludedAttributes') ?? '').split(',').includes('members');
  const withTeam = (req: EmulatorRequest, res: ServerResponse, run: (team: PulumiTeam) => void) => {
    const team = org.teams.get(req.params.id ?? '');
    if (!team) return sendScimError(res, org, 404, `Group ${req.params.id} not found.`);
    guard(context, res, () => run(team));
  };

  router
    .on('GET', prefix, (req, res) =>
      guard(context, res, () => {
        const filter = req.url.searchParams.get('filter');
        let teams = [...org.teams.values()];
        if (filter) {
          const wanted = parseEqFilter(filter, 'displayName');
          teams = teams.filter((t) => t.displayName === wanted);
        }
        // Not paginated: every match comes back at once, SCIM-created or not.
        sendScim(
          res,
          200,
          listResponse(
            teams.map((t) => groupResource(context.base(), org, t, withMembers(req))),
            teams.length,
            1,
          ),
        );
      }),
    )
    .on('GET', `${prefix}/:id`, (req, res) =>
      withTeam(req, res, (team) =>
        sendScim(res, 200, groupResource(context.base(), org, team, withMembers(req))),
      ),
    )
    .on('POST', prefix, (req, res) => {
      const body = jsonBody(context, req, res);
      if (!body) return;
      guard(context, res, () => {
        const displayName = checkName(body.displayName);
        const memberIds = checkMembers(body.members);
        const team = org.addTeam({ displayName, name: uniqueName(displayName), kind: 'scim', memberIds });
        org.audit('team-created', `Team ${team.name} was created by SCIM`);
        sendScim(res, 201, groupResource(context.base(), org, team, true), {
          location: `${context.base()}/Groups/${team.id}`,
        });
      });
    })
    .on('PUT', `${prefix}/:id`, (req, res) => {
      const body = jsonBody(context, req, res);
      if (!body) return;
      withTeam(req, res, (team) => {
        const displayName = checkName(body.displayName);
        const memberIds = checkMembers(body.members);
        Object.assign(team, { displayName, memberIds });
        sendScim(res, 200, groupResource(context.base(), org, team, true));
      });
    })
    .on('PATCH', `${prefix}/:id`, (req, res) => {
      const body = jsonBody(context, req, res);
      if (!body) return;
      withTeam(req, res, (team) => {
        const operations = (body.Operations ?? body.operations) as
          { op?: string; path?: string; value?: unknown }[] | undefined;
        if (!Array.isArray(operations))
          throw new ScimRejection(400, 'invalidSyntax', 'The PATCH body has no Operations.');
        let displayName = team.displayName;
        let members = [...team.memberIds];
        for (const operation of operations) {
          const op = String(operation.op ?? '').toLowerCase();
          const path = operation.path ?? '';
          const removal = /^members\[value eq "([^"]+)"\]$/.exec(path);
          if (op === 'replace' && path === 'displayName') displayName = checkName(operation.value);
          else if (op === 'replace' && !path && operation.value && typeof operation.value === 'object') {
            const value = operation.value as { displayName?: unknown; members?: unknown };
            if (value.displayName !== undefined) displayName = checkName(value.displayName);
            if (value.members !== undefined) members = checkMembers(value.members);
          } else if (op === 'add' && path === 'members')
            members = [...new Set([...members, ...checkMembers(operation.value)])];
          else if (op === 'replace' && path === 'members') members = checkMembers(operation.value);
          else if (op === 'remove' && path === 'members') {
            const gone = new Set(
              ((operation.value as MemberRef[] | undefined) ?? []).map((r) => text(r.value)),
            );
            members = operation.value === undefined ? [] : members.filter((m) => !gone.has(m));
          } else if (op === 'remove' && removal) members = members.filter((m) => m !== removal[1]);
          else throw new ScimRejection(400, 'invalidPath', `Unknown path: ${path || '(none)'}.`);
        }
        Object.assign(team, { displayName, memberIds: members });
        sendScim(res, 204);
      });
    })
    .on('DELETE', `${prefix}/:id`, (req, res) =>
      // Deletes the team whatever its kind, and (as in Pulumi) without an audit event: SCIM has no actor.
      withTeam(req, res, (team) => {
        org.teams.delete(team.id);
        sendScim(res, 204);
      }),
    );
}
