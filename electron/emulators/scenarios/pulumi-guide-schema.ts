import { pulumiUserAttributes } from '../../../shared/pulumi-rules';
import type { JsonObject } from '../graph/tenant-types';

export { pulumiUserAttributes } from '../../../shared/pulumi-rules';

function userAndGroupMappings(schema: JsonObject): [JsonObject, JsonObject] {
  const rule = (schema.synchronizationRules as JsonObject[])[0] as JsonObject;
  const [users, groups] = rule.objectMappings as [JsonObject, JsonObject];
  return [users, groups];
}

/**
 * Changes a default schema the way Pulumi's Entra guide tells admins to: keep only the six user
 * attributes, apply userName only on creation, drop the group's externalId, and mark the work
 * email required.
 */
export function applyPulumiGuide(schema: JsonObject): void {
  const [users, groups] = userAndGroupMappings(schema);
  users.attributeMappings = (users.attributeMappings as JsonObject[])
    .filter((m) => pulumiUserAttributes.has(String(m.targetAttributeName)))
    .map((m) => (m.targetAttributeName === 'userName' ? { ...m, flowType: 'ObjectAddOnly' } : m));
  groups.attributeMappings = (groups.attributeMappings as JsonObject[]).filter(
    (m) => m.targetAttributeName !== 'externalId',
  );
  const directory = (schema.directories as JsonObject[])[0] as JsonObject;
  const userObject = (directory.objects as JsonObject[]).find((o) => o.name === 'User') as JsonObject;
  for (const attribute of userObject.attributes as JsonObject[]) {
    if (attribute.name === 'emails[type eq "work"].value') attribute.required = true;
  }
}

/** Sets how one user attribute mapping applies (`Always` or `ObjectAddOnly`). */
export function setUserFlowType(
  schema: JsonObject,
  target: string,
  flowType: 'Always' | 'ObjectAddOnly',
): void {
  const [users] = userAndGroupMappings(schema);
  for (const mapping of users.attributeMappings as JsonObject[])
    if (mapping.targetAttributeName === target) mapping.flowType = flowType;
}
