import type { PulumiAccount } from './pulumi-org';

/** The six user attributes Pulumi accepts, as paths. */
const supportedPaths = new Set([
  'userName',
  'displayName',
  'name.givenName',
  'name.familyName',
  'emails[type eq "work"].value',
  'active',
]);

export type UserFields = Pick<
  PulumiAccount,
  'userName' | 'displayName' | 'givenName' | 'familyName' | 'email'
> & { active: boolean };

export class ScimRejection extends Error {
  constructor(
    readonly status: number,
    readonly scimType: string | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

/** Entra's default PATCH sends "True"/"False" strings for booleans; both spellings are accepted. */
function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimRejection(400, 'invalidValue', `Invalid value for active: ${JSON.stringify(value)}.`);
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  throw new ScimRejection(400, 'invalidValue', 'Expected a string value.');
}

/** Sets one path on a copy of the user's fields; unknown paths and userName changes are refused. */
function setPath(fields: UserFields, path: string, value: unknown): void {
  if (!supportedPaths.has(path)) throw new ScimRejection(400, 'invalidPath', `Unknown path: ${path}.`);
  switch (path) {
    case 'userName':
      if (text(value) !== fields.userName)
        throw new ScimRejection(400, 'immutability', "Attribute 'userName' is immutable.");
      return;
    case 'displayName':
      fields.displayName = text(value) ?? '';
      return;
    case 'name.givenName':
      fields.givenName = text(value);
      return;
    case 'name.familyName':
      fields.familyName = text(value);
      return;
    case 'emails[type eq "work"].value':
      fields.email = text(value);
      return;
    case 'active':
      fields.active = toBoolean(value);
  }
}

/** Flattens a SCIM user object (POST/PUT body or a path-less PATCH value) into supported paths. */
export function flattenUser(body: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'schemas' || key === 'externalId' || key === 'id' || key === 'meta') continue; // externalId is accepted and ignored
    if (key === 'name' && value && typeof value === 'object') {
      for (const [part, partValue] of Object.entries(value)) out.push([`name.${part}`, partValue]);
    } else if (key === 'emails' && Array.isArray(value)) {
      const emails = value as { type?: string; value?: unknown; primary?: boolean }[];
      const work = emails.find((e) => e.type === 'work' || e.primary) ?? emails[0];
      out.push(['emails[type eq "work"].value', work?.value ?? null]);
    } else if (value && typeof value === 'object' && !Array.isArray(value) && key.startsWith('urn:')) {
      for (const part of Object.keys(value)) out.push([`${key}:${part}`, null]);
    } else {
      out.push([key, value]);
    }
  }
  return out;
}

/** Applies a PatchOp body (capitalised ops, path or path-less forms) to a copy and returns it. */
export function applyUserPatch(current: UserFields, body: Record<string, unknown>): UserFields {
  const operations = (body.Operations ?? body.operations) as
    { op?: string; path?: string; value?: unknown }[] | undefined;
  if (!Array.isArray(operations))
    throw new ScimRejection(400, 'invalidSyntax', 'The PATCH body has no Operations.');
  const next = { ...current };
  for (const operation of operations) {
    const op = String(operation.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw new ScimRejection(400, 'invalidSyntax', `Unsupported op: ${operation.op}.`);
    if (operation.path) {
      setPath(next, operation.path, op === 'remove' ? null : operation.value);
    } else if (operation.value && typeof operation.value === 'object') {
      for (const [path, value] of flattenUser(operation.value as Record<string, unknown>))
        setPath(next, path, value);
    } else {
      throw new ScimRejection(400, 'noTarget', 'A PATCH operation without a path needs an object value.');
    }
  }
  return next;
}

/** Fields for a new or replaced user; anything outside the six paths is refused when `strict`. */
export function userFromBody(body: Record<string, unknown>, strict: boolean, base?: UserFields): UserFields {
  const fields: UserFields = base
    ? { ...base }
    : { userName: '', displayName: '', givenName: null, familyName: null, email: null, active: true };
  for (const [path, value] of flattenUser(body)) {
    if (!supportedPaths.has(path)) {
      if (strict) throw new ScimRejection(400, 'invalidPath', `Unknown path: ${path}.`);
      continue;
    }
    if (path === 'userName' && !base) fields.userName = text(value) ?? '';
    else setPath(fields, path, value);
  }
  if (!fields.userName) throw new ScimRejection(400, 'invalidValue', 'userName is required.');
  return fields;
}
