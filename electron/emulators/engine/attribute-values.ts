import { provisioningUpn } from '../../../shared/entra-rules';
import type { EmulatedGroup, EmulatedUser, JsonObject } from '../graph/tenant-types';
import type { AttributeMapping } from './schema-mappings';

/** A source attribute of an Entra user, as the provisioning service reads it. */
function userAttribute(user: EmulatedUser, name: string): string | null {
  switch (name) {
    case 'userPrincipalName':
      return provisioningUpn(user.userPrincipalName);
    case 'objectId':
      return user.id;
    case 'displayName':
    case 'mail':
    case 'givenName':
    case 'surname':
    case 'jobTitle':
    case 'preferredLanguage':
    case 'mailNickname':
      return user[name];
    default:
      return null; // telephoneNumber, department, …: not held by the emulated tenant, so never provisioned
  }
}

/**
 * The value one mapping yields for a user: a string, null (nothing to provision), or undefined when
 * the mapping uses an expression the engine does not evaluate (then it is left alone).
 */
export function userMappingValue(
  mapping: AttributeMapping,
  user: EmulatedUser,
  softDeleted: boolean,
): string | null | undefined {
  if (mapping.sourceType === 'Attribute') return userAttribute(user, mapping.source);
  if (mapping.sourceType === 'Constant') return mapping.source;
  if (mapping.sourceType === 'None') return null;
  if (/^Switch\(\[IsSoftDeleted\]/.test(mapping.expression)) return softDeleted ? 'False' : 'True';
  if (/^Not\(\[IsSoftDeleted\]\)$/.test(mapping.expression)) return softDeleted ? 'False' : 'True';
  const join = /^Join\("([^"]*)",\s*\[(\w+)\],\s*\[(\w+)\]\)$/.exec(mapping.expression);
  if (join) {
    const parts = [userAttribute(user, join[2] ?? ''), userAttribute(user, join[3] ?? '')].filter(
      (p): p is string => Boolean(p),
    );
    return parts.length ? parts.join(join[1] ?? ' ') : null;
  }
  return undefined;
}

export function groupMappingValue(
  mapping: AttributeMapping,
  group: EmulatedGroup,
): string | null | undefined {
  if (mapping.sourceType !== 'Attribute')
    return mapping.sourceType === 'Constant' ? mapping.source : undefined;
  if (mapping.source === 'displayName') return group.displayName;
  if (mapping.source === 'objectId') return group.id;
  if (mapping.source === 'mailNickname') return group.mailNickname;
  return null;
}

/** Builds a SCIM user body from target paths, as Entra's SCIM client shapes it. */
export function scimUserBody(values: Map<string, string>): JsonObject {
  const body: JsonObject = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] };
  for (const [path, value] of values) {
    const typed =
      /^emails\[type eq "(\w+)"\]\.value$/.exec(path) ??
      /^phoneNumbers\[type eq "(\w+)"\]\.value$/.exec(path);
    if (path === 'active') body.active = value === 'True';
    else if (path.startsWith('name.'))
      body.name = { ...(body.name as JsonObject | undefined), [path.slice(5)]: value };
    else if (typed) {
      const key = path.startsWith('emails') ? 'emails' : 'phoneNumbers';
      body[key] = [
        ...((body[key] as JsonObject[] | undefined) ?? []),
        { primary: key === 'emails', type: typed[1], value },
      ];
    } else if (path.startsWith('urn:')) {
      const at = path.lastIndexOf(':');
      const schema = path.slice(0, at);
      body[schema] = { ...(body[schema] as JsonObject | undefined), [path.slice(at + 1)]: value };
    } else body[path] = value;
  }
  return body;
}

/** Reads one target path from a SCIM user resource, as a string for comparison. */
export function scimValue(resource: JsonObject, path: string): string | null {
  if (path === 'active') return resource.active === false ? 'False' : 'True';
  if (path.startsWith('name.'))
    return ((resource.name as JsonObject | undefined)?.[path.slice(5)] as string | undefined) ?? null;
  const email = /^emails\[type eq "(\w+)"\]\.value$/.exec(path);
  if (email) {
    const emails = (resource.emails as JsonObject[] | undefined) ?? [];
    return (emails.find((e) => e.type === email[1])?.value as string | undefined) ?? null;
  }
  const value = resource[path];
  return typeof value === 'string' ? value : null;
}
