import { text } from '../http-kit';
import type { EmulatedGroup } from '../graph/tenant-types';
import { groupMappingValue } from './attribute-values';
import { firstResource, isSuccess, type CycleContext } from './cycle-context';
import { scimString as quote } from './scim-target';

/**
 * One assigned group through Entra's sequence: match by `displayName eq` (members excluded), create
 * without members, then rename and add/remove members in PATCHes. Only linked (provisioned) users can
 * be referenced; Pulumi fails a whole membership PATCH if any of them is not an active user.
 */
export async function syncGroup(
  context: CycleContext,
  group: EmulatedGroup,
  inScopeUsers: Set<string>,
): Promise<void> {
  const { groups } = context.mappings;
  if (!groups.enabled) return;
  const source = { id: group.id, displayName: group.displayName };
  const linked = context.memory.links.get(group.id);
  const lookup = linked
    ? await context.send('GET', `/Groups/${encodeURIComponent(linked)}`)
    : await context.send(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq ${quote(group.displayName)}`)}`,
      );
  if (!isSuccess(lookup))
    return context.record(
      { action: 'update', identityType: 'Group', source, target: { id: linked ?? '', displayName: '' } },
      lookup,
    );
  let resource = linked ? (lookup.json as Record<string, unknown>) : firstResource(lookup);

  if (!resource) {
    if (!groups.create) return;
    const body: Record<string, unknown> = {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
      ],
    };
    for (const mapping of groups.attributes) {
      if (mapping.target === 'members') continue;
      const value = groupMappingValue(mapping, group);
      if (typeof value === 'string') body[mapping.target] = value;
    }
    const created = await context.send('POST', '/Groups', body);
    const id = isSuccess(created) ? text((created.json as { id?: unknown } | null)?.id) : '';
    context.record(
      {
        action: 'create',
        identityType: 'Group',
        source,
        target: { id, displayName: id ? group.displayName : '' },
      },
      isSuccess(created) ? null : created,
    );
    if (!id) return;
    context.memory.links.set(group.id, id);
    resource = { id, displayName: group.displayName, members: [] };
  } else if (!linked) {
    context.memory.links.set(group.id, String(resource.id));
    const full = await context.send('GET', `/Groups/${encodeURIComponent(String(resource.id))}`);
    if (isSuccess(full)) resource = full.json as Record<string, unknown>;
  }

  const scimId = String(resource.id);
  const operations: Record<string, unknown>[] = [];
  if (groups.update && resource.displayName !== group.displayName) {
    operations.push({ op: 'Replace', path: 'displayName', value: group.displayName });
  }
  if (groups.attributes.some((a) => a.target === 'members')) {
    const current = new Set(
      ((resource.members as { value: string }[] | undefined) ?? []).map((m) => m.value),
    );
    const wanted = new Set(
      group.memberIds
        .filter((id) => inScopeUsers.has(id))
        .map((id) => context.memory.links.get(id))
        .filter((id): id is string => Boolean(id)),
    );
    const add = [...wanted].filter((id) => !current.has(id));
    const remove = [...current].filter((id) => !wanted.has(id));
    if (add.length)
      operations.push({ op: 'Add', path: 'members', value: add.map((value) => ({ $ref: null, value })) });
    if (remove.length)
      operations.push({
        op: 'Remove',
        path: 'members',
        value: remove.map((value) => ({ $ref: null, value })),
      });
  }
  if (!operations.length) return;
  const patched = await context.send('PATCH', `/Groups/${encodeURIComponent(scimId)}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: operations,
  });
  context.record(
    {
      action: 'update',
      identityType: 'Group',
      source,
      target: { id: scimId, displayName: group.displayName },
    },
    isSuccess(patched) ? null : patched,
  );
}

/** A group that left scope or was deleted: Entra deletes it, and with Pulumi the team goes too. */
export async function deleteGroup(
  context: CycleContext,
  entraId: string,
  displayName: string,
): Promise<void> {
  const scimId = context.memory.links.get(entraId);
  if (!scimId || !context.mappings.groups.enabled || !context.mappings.groups.delete) return;
  const deleted = await context.send('DELETE', `/Groups/${encodeURIComponent(scimId)}`);
  if (isSuccess(deleted) || deleted.status === 404) context.memory.links.delete(entraId);
  context.record(
    {
      action: 'delete',
      identityType: 'Group',
      source: { id: entraId, displayName },
      target: { id: scimId, displayName },
    },
    isSuccess(deleted) ? null : deleted,
  );
}
