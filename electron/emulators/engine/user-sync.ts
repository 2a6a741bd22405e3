import { text } from '../http-kit';
import type { EmulatedUser } from '../graph/tenant-types';
import { scimUserBody, scimValue, userMappingValue } from './attribute-values';
import { firstResource, isSuccess, type CycleContext } from './cycle-context';
import { scimString as quote } from './scim-target';

/**
 * One user through the request sequence Entra uses: match (by link, else `userName eq`), then
 * create with every mapped value, or patch what differs; leaving scope or being disabled turns into
 * `active` "False" (unless SkipOutOfScopeDeletions keeps out-of-scope users active).
 */
export async function syncUser(
  context: CycleContext,
  user: EmulatedUser,
  inScope: boolean,
  skipOutOfScopeDeletions: boolean,
): Promise<void> {
  const { users } = context.mappings;
  if (!users.enabled) return;
  const softDeleted = !user.accountEnabled || !inScope;
  const source = { id: user.id, displayName: user.displayName };
  const matcher =
    users.attributes.find((a) => a.matchingPriority === 1) ??
    users.attributes.find((a) => a.target === 'userName');
  const matchValue = matcher ? userMappingValue(matcher, user, softDeleted) : null;
  const linked = context.memory.links.get(user.id);

  const lookup = linked
    ? await context.send('GET', `/Users/${encodeURIComponent(linked)}`)
    : matchValue
      ? await context.send('GET', `/Users?filter=${encodeURIComponent(`userName eq ${quote(matchValue)}`)}`)
      : null;
  if (lookup && !isSuccess(lookup)) {
    return context.record(
      { action: 'update', identityType: 'User', source, target: { id: linked ?? '', displayName: '' } },
      lookup,
    );
  }
  const resource = lookup
    ? linked
      ? (lookup.json as Record<string, unknown>)
      : firstResource(lookup)
    : null;

  if (!resource) {
    if (!inScope || !users.create || !user.accountEnabled) return;
    const values = new Map<string, string>();
    for (const mapping of users.attributes) {
      const value = userMappingValue(mapping, user, softDeleted);
      if (typeof value === 'string') values.set(mapping.target, value);
    }
    const missing = context.mappings.requiredUserAttributes.filter((name) => !values.has(name));
    if (missing.length) {
      // Entra checks required target attributes itself and never sends the request.
      return context.recordLocalFailure(
        { action: 'create', identityType: 'User', source, target: { id: '', displayName: '' } },
        'MandatoryFieldsMissing',
        `The required attribute(s) ${missing.join(', ')} have no value for this user in the source, so it cannot be created in the target.`,
      );
    }
    const created = await context.send('POST', '/Users', scimUserBody(values));
    const id = isSuccess(created) ? text((created.json as { id?: unknown } | null)?.id) : '';
    if (id) context.memory.links.set(user.id, id);
    const modifiedProperties = [...values].map(([displayName, newValue]) => ({
      displayName,
      oldValue: null,
      newValue,
    }));
    return context.record(
      {
        action: 'create',
        identityType: 'User',
        source,
        target: { id, displayName: id ? text(values.get('userName')) : '' },
        modifiedProperties,
      },
      isSuccess(created) ? null : created,
    );
  }

  const scimId = String(resource.id);
  context.memory.links.set(user.id, scimId);
  const keepActive = !inScope && skipOutOfScopeDeletions && user.accountEnabled;
  const operations: { op: string; path: string; value: string }[] = [];
  for (const mapping of users.attributes) {
    if (mapping.createOnly || !users.update) continue;
    if (!inScope && mapping.target !== 'active') continue;
    let expected = userMappingValue(mapping, user, softDeleted);
    if (mapping.target === 'active' && keepActive) expected = 'True';
    if (typeof expected !== 'string') continue;
    if (scimValue(resource, mapping.target) !== expected)
      operations.push({ op: 'Replace', path: mapping.target, value: expected });
  }
  if (!operations.length) return;
  const patched = await context.send('PATCH', `/Users/${encodeURIComponent(scimId)}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: operations,
  });
  const disabling =
    operations.length === 1 && operations[0]?.path === 'active' && operations[0].value === 'False';
  context.record(
    {
      action: disabling ? 'disable' : 'update',
      identityType: 'User',
      source,
      target: { id: scimId, displayName: text(resource.userName) },
      modifiedProperties: operations.map((o) => ({
        displayName: o.path,
        oldValue: scimValue(resource, o.path),
        newValue: o.value,
      })),
    },
    isSuccess(patched) ? null : patched,
  );
}

/** A user deleted for good in Entra: Entra sends DELETE (which Pulumi does not support). */
export async function deleteUser(context: CycleContext, entraId: string, displayName: string): Promise<void> {
  const scimId = context.memory.links.get(entraId);
  if (!scimId || !context.mappings.users.delete) return;
  const deleted = await context.send('DELETE', `/Users/${encodeURIComponent(scimId)}`);
  if (isSuccess(deleted)) context.memory.links.delete(entraId);
  context.record(
    {
      action: 'delete',
      identityType: 'User',
      source: { id: entraId, displayName },
      target: { id: scimId, displayName },
    },
    isSuccess(deleted) ? null : deleted,
  );
}
