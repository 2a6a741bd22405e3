import type { ServerResponse } from 'node:http';

import { sendJson, type EmulatorRequest, type Router } from '../http-kit';
import type { PulumiAccount, PulumiOrg, PulumiTeam } from './pulumi-org';

export interface RestOptions {
  /** Items per page of the members and audit-log lists (continuationToken paging). */
  pageSize: number;
}

const userInfo = (account: PulumiAccount) => ({
  name: account.displayName,
  githubLogin: account.userName,
  avatarUrl: `https://www.gravatar.test/avatar/${account.id}`,
  // The members list leaves email empty, as Pulumi's does ("only populated on selected endpoints").
  email: '',
});

function sendRestError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: status, message });
}

const page = <T>(items: T[], token: string | null, size: number) => {
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) || 0 : 0;
  const slice = items.slice(offset, offset + size);
  const next =
    offset + size < items.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
  return { slice, next };
};

/** The REST endpoints ScimWatch reads: members, teams, org features, SAML, audit log (v2). */
export function registerRestApi(
  router: Router,
  org: PulumiOrg,
  options: RestOptions,
  origin: () => string,
): void {
  const authorized = (req: EmulatorRequest, res: ServerResponse): boolean => {
    const header = req.header('authorization') ?? '';
    const token = header.startsWith('token ') ? header.slice(6) : '';
    if (req.params.org !== org.name) {
      sendRestError(res, 404, `Organization '${req.params.org}' not found`);
      return false;
    }
    if (!org.accessTokens.has(token)) {
      sendRestError(res, 401, 'Unauthorized: No credentials provided or are invalid.');
      return false;
    }
    return true;
  };
  const teamSummary = (team: PulumiTeam) => ({
    kind: team.kind,
    name: team.name,
    displayName: team.displayName,
    description: team.description,
  });
  const teamDetail = (team: PulumiTeam) => ({
    ...teamSummary(team),
    members: team.memberIds
      .map((id) => org.accounts.get(id))
      .filter((a) => a !== undefined)
      .map((a) => ({ ...userInfo(a), role: 'member' })),
    stacks: [],
    environments: [],
    roleIds: [],
  });
  const byName = (name: string) => {
    for (const team of org.teams.values()) if (team.name === name) return team;
    return undefined;
  };

  router
    .on('GET', '/api/orgs/:org', (req, res) => {
      if (!authorized(req, res)) return;
      // The feature flags as the org's feature set reports them (exact endpoint shape UNCERTAIN in Pulumi's docs).
      sendJson(res, 200, { name: org.name, displayName: org.name, features: { ...org.features } });
    })
    .on('GET', '/api/orgs/:org/members', (req, res) => {
      if (!authorized(req, res)) return;
      // Paged first, shaped after: a 100k-member org must not rebuild every member for every page.
      const active = [...org.memberships.values()].filter((m) => m.active && org.accounts.has(m.accountId));
      const { slice, next } = page(active, req.url.searchParams.get('continuationToken'), options.pageSize);
      const members = slice
        .map((m) => ({ m, a: org.accounts.get(m.accountId) }))
        .filter((x): x is { m: typeof x.m; a: PulumiAccount } => x.a !== undefined)
        .map(({ m, a }) => ({
          role: m.role,
          fgaRole: { id: m.role, name: m.role === 'admin' ? 'Admin' : 'Member', modifiedAt: m.created },
          user: userInfo(a),
          created: m.created,
          knownToPulumi: true,
          virtualAdmin: false,
          links: { self: `${origin()}/${org.name}/members/${a.userName}` },
        }));
      sendJson(res, 200, { members, ...(next ? { continuationToken: next } : {}) });
    })
    .on('GET', '/api/orgs/:org/teams', (req, res) => {
      if (!authorized(req, res)) return;
      sendJson(res, 200, { teams: [...org.teams.values()].map(teamSummary) });
    })
    .on('GET', '/api/orgs/:org/teams/:name', (req, res) => {
      if (!authorized(req, res)) return;
      const team = byName(req.params.name ?? '');
      if (!team) return sendRestError(res, 404, `Team '${req.params.name}' not found`);
      sendJson(res, 200, teamDetail(team));
    })
    .on('PATCH', '/api/orgs/:org/teams/:name', (req, res) => {
      if (!authorized(req, res)) return;
      const team = byName(req.params.name ?? '');
      if (!team) return sendRestError(res, 404, `Team '${req.params.name}' not found`);
      const body = JSON.parse(req.body || '{}') as { memberAction?: string; member?: string };
      if ((body.memberAction === 'add' || body.memberAction === 'remove') && team.kind === 'scim') {
        return sendRestError(
          res,
          400,
          'Membership of SCIM-managed teams is managed by the identity provider.',
        );
      }
      const account = org.accountByUserName(body.member ?? '');
      if (!account) return sendRestError(res, 404, `User '${body.member}' not found`);
      if (body.memberAction === 'add') team.memberIds = [...new Set([...team.memberIds, account.id])];
      if (body.memberAction === 'remove') team.memberIds = team.memberIds.filter((id) => id !== account.id);
      res.writeHead(204);
      res.end();
    })
    .on('GET', '/api/orgs/:org/saml', (req, res) => {
      if (!authorized(req, res)) return;
      sendJson(res, 200, { ...org.saml, idpSsoDescriptor: '<md:IDPSSODescriptor/>' });
    })
    .on('GET', '/api/orgs/:org/saml/admins', (req, res) => {
      if (!authorized(req, res)) return;
      const admins = [...org.memberships.values()]
        .filter((m) => m.role === 'admin' && m.active)
        .map((m) => org.accounts.get(m.accountId));
      sendJson(res, 200, { admins: admins.filter((a) => a !== undefined).map(userInfo) });
    })
    .on('GET', '/api/orgs/:org/auditlogs/v2', (req, res) => {
      if (!authorized(req, res)) return;
      const q = req.url.searchParams;
      const start = Number(q.get('startTime') ?? '0');
      const end = Number(q.get('endTime') ?? String(Number.MAX_SAFE_INTEGER));
      if (!q.has('startTime') && !q.has('continuationToken'))
        return sendRestError(res, 400, 'startTime or continuationToken is required');
      const events = org.auditLog
        .filter((e) => e.timestamp >= start && e.timestamp <= end)
        .sort((a, b) => b.timestamp - a.timestamp)
        .map((e) => ({
          ...e,
          sourceIP: '',
          tokenID: '',
          tokenName: '',
          actorName: '',
          actorUrn: '',
          reqOrgAdmin: false,
          reqStackAdmin: false,
        }));
      const { slice, next } = page(events, q.get('continuationToken'), options.pageSize);
      sendJson(res, 200, { auditLogEvents: slice, ...(next ? { continuationToken: next } : {}) });
    });
}
