/**
 * The provisioning job's live schema, read as Entra applies it: which object mappings are enabled,
 * with which flow types, and how each target attribute gets its value.
 */

type Json = Record<string, unknown>;

export interface AttributeRule {
  target: string;
  /** 'Attribute' (a direct source attribute), 'Expression', 'Constant' or 'None'. */
  sourceType: string;
  /** The source attribute's name, or the constant. */
  source: string;
  expression: string;
  /** 'Always' or 'ObjectAddOnly' (applied on creation only). */
  flowType: string;
}

export interface ObjectRule {
  enabled: boolean;
  flowTypes: Set<'Add' | 'Update' | 'Delete'>;
  attributes: AttributeRule[];
  /** A scoping filter narrows who is in scope; ScimWatch does not evaluate filters (yet). */
  scopingFilter: boolean;
}

/** True when an object mapping's `scope` holds any filter clause group. */
function hasScopingFilter(scope: unknown): boolean {
  if (!scope || typeof scope !== 'object') return false;
  const filter = scope as Json;
  return ['groups', 'inputFilterGroups', 'categoryFilterGroups'].some((key) => list(filter[key]).length > 0);
}

export interface LiveSchema {
  users: ObjectRule | null;
  groups: ObjectRule | null;
  /** Target (SCIM) attributes of the User object marked required. */
  requiredUserTargets: Set<string>;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function objectRule(mapping: Json | undefined): ObjectRule | null {
  if (!mapping) return null;
  const flowTypes = new Set(
    text(mapping.flowTypes)
      .split(',')
      .map((part) => part.trim())
      .filter((part): part is 'Add' | 'Update' | 'Delete' => ['Add', 'Update', 'Delete'].includes(part)),
  );
  return {
    enabled: mapping.enabled !== false,
    flowTypes,
    scopingFilter: hasScopingFilter(mapping.scope),
    attributes: list(mapping.attributeMappings).map((m) => {
      const source = (m.source ?? {}) as Json;
      return {
        target: text(m.targetAttributeName),
        sourceType: text(source.type) || 'None',
        source: text(source.name),
        expression: text(source.expression),
        flowType: text(m.flowType) || 'Always',
      };
    }),
  };
}

/** Reads a synchronizationSchema document; null in, null out (no schema collected yet). */
export function readLiveSchema(schema: Json | null): LiveSchema | null {
  if (!schema) return null;
  const rule = list(schema.synchronizationRules)[0] ?? {};
  const mappings = list(rule.objectMappings);
  const target = text(rule.targetDirectoryName);
  const directory =
    list(schema.directories).find((d) => text(d.name) === target) ?? list(schema.directories)[0] ?? {};
  const userObject = list(directory.objects).find((o) => text(o.name) === 'User') ?? {};
  return {
    users: objectRule(mappings.find((m) => text(m.sourceObjectName) === 'User')),
    groups: objectRule(mappings.find((m) => text(m.sourceObjectName) === 'Group')),
    requiredUserTargets: new Set(
      list(userObject.attributes)
        .filter((a) => a.required === true)
        .map((a) => text(a.name)),
    ),
  };
}

/** The source values of an Entra user that the provisioning service can read, by attribute name. */
export type UserSource = (attribute: string) => string | null | undefined;

/**
 * The value a mapping yields: a string, null (nothing to provision), or undefined when the value
 * cannot be known here (an expression other than the default `active` one, or an attribute
 * ScimWatch does not collect) — unknown values are never reported as a mismatch.
 */
export function mappedValue(rule: AttributeRule, source: UserSource, softDeleted: boolean) {
  if (rule.sourceType === 'Attribute') return source(rule.source);
  if (rule.sourceType === 'Constant') return rule.source;
  if (rule.sourceType === 'None') return null;
  // Entra's default `active` mapping: Switch([IsSoftDeleted], , "False", "True", "True", "False").
  if (/^Switch\(\[IsSoftDeleted\],\s*,\s*"False",\s*"True",\s*"True",\s*"False"\)$/.test(rule.expression))
    return softDeleted ? 'False' : 'True';
  if (/^Not\(\[IsSoftDeleted\]\)$/.test(rule.expression)) return softDeleted ? 'False' : 'True';
  return undefined;
}
