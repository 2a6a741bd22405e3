import type { ServerResponse } from 'node:http';

import type { GraphEndpoint } from '../../../../shared/graph-permissions';
import { sendJson, type EmulatorRequest, type Router } from '../../http-kit';
import { authorize, type GraphContext } from '../graph-context';
import { sendGraphError } from '../graph-errors';
import type { JsonObject } from '../tenant-types';
import { groupResource, parseSelect, userResource } from './directory-shapes';

/** A delta round: changes in (from, to], served page by page, then a deltaLink at `to`. */
interface DeltaState {
  kind: 'users' | 'groups';
  from: number;
  to: number;
  offset: number;
  select: string[] | null;
  ids: string[] | null;
  generation: number;
}

const encode = (state: DeltaState) => Buffer.from(JSON.stringify(state)).toString('base64url');
const decode = (token: string): DeltaState | null => {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
  } catch {
    return null;
  }
};

/** users/delta and groups/delta: full first round, then only what changed, with expiring tokens (410). */
export function registerDelta(router: Router, context: GraphContext): void {
  const { tenant } = context;

  // Ids first, resources only for the page served: a 100k-user first round is 1,000 pages, and
  // shaping every user for every page would make reading the directory quadratic.
  const userIds = (state: DeltaState): string[] => {
    if (state.from === 0) return [...tenant.users.keys()];
    const changed = tenant.changes
      .since(state.from, 'user')
      .filter((c) => c.seq <= state.to)
      .map((c) => c.id);
    return [...new Set(changed)];
  };
  const userItem = (state: DeltaState) => (id: string) => {
    const user = tenant.users.get(id);
    return user ? userResource(user, state.select) : { id, '@removed': { reason: 'deleted' } };
  };

  const groupChanges = (state: DeltaState) =>
    tenant.changes.since(state.from).filter((c) => c.seq <= state.to && c.kind !== 'user');
  const groupIds = (state: DeltaState): string[] =>
    state.from === 0 ? [...tenant.groups.keys()] : [...new Set(groupChanges(state).map((c) => c.id))];
  const groupItems = (state: DeltaState, ids: string[]): JsonObject[] => {
    const withMembers = state.select?.includes('members') ?? true;
    const memberRef = (id: string) => ({
      '@odata.type': tenant.groups.has(id) ? '#microsoft.graph.group' : '#microsoft.graph.user',
      id,
    });
    const shape = (id: string, memberDelta: JsonObject[] | null): JsonObject => {
      const group = tenant.groups.get(id);
      if (!group) return { id, '@removed': { reason: 'deleted' } };
      const resource = groupResource(group, state.select?.filter((s) => s !== 'members') ?? null);
      return withMembers && memberDelta ? { ...resource, 'members@delta': memberDelta } : resource;
    };
    if (state.from === 0)
      return ids.map((id) => shape(id, (tenant.groups.get(id)?.memberIds ?? []).map(memberRef)));
    const changes = groupChanges(state);
    return ids.map((id) => {
      const memberChanges = changes.filter((c) => c.kind === 'membership' && c.id === id);
      // The last change per member decides whether it is reported as added or removed.
      const latest = new Map(memberChanges.map((c) => [c.memberId ?? '', c]));
      const memberDelta = [...latest.values()].map((c) =>
        c.removed
          ? { ...memberRef(c.memberId ?? ''), '@removed': { reason: 'deleted' } }
          : memberRef(c.memberId ?? ''),
      );
      return shape(id, memberDelta);
    });
  };

  const serve =
    (kind: 'users' | 'groups', endpoint: GraphEndpoint) => (req: EmulatorRequest, res: ServerResponse) => {
      if (!authorize(context, req, res, endpoint)) return;
      const q = req.url.searchParams;
      const token = q.get('$deltatoken') ?? q.get('$skiptoken');
      let state: DeltaState;
      if (token) {
        const decoded = decode(token);
        if (!decoded || decoded.kind !== kind)
          return sendGraphError(res, 400, 'BadRequest', 'Invalid delta token.');
        if (decoded.generation !== tenant.changes.generation) {
          return sendGraphError(
            res,
            410,
            'SyncStateNotFound',
            'The sync state generation is old. Please resync.',
          );
        }
        // A deltaLink starts a new round from where the last one ended.
        state = q.has('$deltatoken')
          ? { ...decoded, from: decoded.to, to: tenant.changes.current, offset: 0 }
          : decoded;
      } else {
        let ids: string[] | null = null;
        const filter = (q.get('$filter') ?? '').trim();
        if (filter) {
          ids = [...filter.matchAll(/id eq '([^']+)'/g)].map((m) => m[1] ?? '');
          if (!ids.length || filter.replace(/id eq '[^']+'|\s+or\s+/g, '').trim()) {
            return sendGraphError(
              res,
              400,
              'BadRequest',
              'Only "id eq" filters joined by "or" are supported on delta.',
            );
          }
          if (ids.length > 50)
            return sendGraphError(res, 400, 'BadRequest', 'At most 50 ids may be filtered in a delta query.');
        }
        state = {
          kind,
          from: 0,
          to: tenant.changes.current,
          offset: 0,
          select: parseSelect(q.get('$select')),
          ids,
          generation: tenant.changes.generation,
        };
      }
      const wanted = state.ids ? new Set(state.ids) : null;
      const ids = (kind === 'users' ? userIds(state) : groupIds(state)).filter(
        (id) => !wanted || wanted.has(id),
      );
      const size = context.options.directoryTopDefault;
      const pageIds = ids.slice(state.offset, state.offset + size);
      const page = kind === 'users' ? pageIds.map(userItem(state)) : groupItems(state, pageIds);
      const body: JsonObject = {
        '@odata.context': `${context.origin()}/v1.0/$metadata#${kind}`,
        value: page,
      };
      const path = `${context.origin()}/v1.0/${kind}/delta`;
      if (state.offset + size < ids.length) {
        body['@odata.nextLink'] = `${path}?$skiptoken=${encode({ ...state, offset: state.offset + size })}`;
      } else {
        body['@odata.deltaLink'] = `${path}?$deltatoken=${encode({ ...state, offset: 0 })}`;
      }
      sendJson(res, 200, body);
    };

  router
    .on('GET', '/v1.0/users/delta', serve('users', 'usersDelta'))
    .on('GET', '/v1.0/groups/delta', serve('groups', 'groupsDelta'));
}
