import type { JsonObject } from '../graph/tenant-types';
import { text } from '../http-kit';

export interface AttributeMapping {
  target: string;
  sourceType: 'Attribute' | 'Constant' | 'Function' | 'None';
  /** Attribute name, constant value or function name. */
  source: string;
  expression: string;
  /** Only when the object is created ("Apply this mapping: Only during object creation"). */
  createOnly: boolean;
  matchingPriority: number;
}

export interface ObjectMapping {
  enabled: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  attributes: AttributeMapping[];
}

export interface LiveMappings {
  ruleId: string;
  users: ObjectMapping;
  groups: ObjectMapping;
  /** Target attributes the schema marks required: an object missing one is not created. */
  requiredUserAttributes: string[];
}

function readObjectMapping(mapping: JsonObject | undefined): ObjectMapping {
  const flowTypes = text(mapping?.flowTypes);
  const attributes = ((mapping?.attributeMappings as JsonObject[] | undefined) ?? []).map((a) => {
    const source = (a.source as JsonObject | null) ?? null;
    return {
      target: String(a.targetAttributeName),
      sourceType: (source?.type as AttributeMapping['sourceType'] | undefined) ?? 'None',
      source: text(source?.name),
      expression: text(source?.expression),
      createOnly: a.flowType === 'ObjectAddOnly',
      matchingPriority: Number(a.matchingPriority ?? 0),
    };
  });
  return {
    enabled: mapping?.enabled === true,
    create: flowTypes.includes('Add'),
    update: flowTypes.includes('Update'),
    delete: flowTypes.includes('Delete'),
    attributes,
  };
}

/** Reads the live schema the way the provisioning service follows it: the outbound rule's two mappings. */
export function readLiveMappings(schema: JsonObject): LiveMappings {
  const rules = (schema.synchronizationRules as JsonObject[] | undefined) ?? [];
  const rule = rules.find((r) => r.sourceDirectoryName === 'Azure Active Directory') ?? rules[0];
  const mappings = (rule?.objectMappings as JsonObject[] | undefined) ?? [];
  const directories = (schema.directories as JsonObject[] | undefined) ?? [];
  const target = directories.find((d) => d.name === rule?.targetDirectoryName) ?? directories[0];
  const userObject = ((target?.objects as JsonObject[] | undefined) ?? []).find((o) => o.name === 'User');
  const requiredUserAttributes = ((userObject?.attributes as JsonObject[] | undefined) ?? [])
    .filter((a) => a.required === true)
    .map((a) => text(a.name));
  return {
    requiredUserAttributes,
    ruleId: text(rule?.id),
    users: readObjectMapping(mappings.find((m) => m.sourceObjectName === 'User')),
    groups: readObjectMapping(mappings.find((m) => m.sourceObjectName === 'Group')),
  };
}
