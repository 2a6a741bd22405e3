import type { JsonObject } from './tenant-types';

/** A direct attribute-to-attribute mapping in the schema's wire shape. */
function direct(target: string, source: string, extra: JsonObject = {}): JsonObject {
  return {
    targetAttributeName: target,
    source: { type: 'Attribute', name: source, expression: `[${source}]`, parameters: [] },
    defaultValue: null,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    exportMissingReferences: false,
    ...extra,
  };
}

function expression(target: string, name: string, text: string): JsonObject {
  return { ...direct(target, name), source: { type: 'Function', name, expression: text, parameters: [] } };
}

function attribute(name: string, extra: JsonObject = {}): JsonObject {
  return {
    name,
    type: 'String',
    required: false,
    multivalued: false,
    caseExact: false,
    anchor: false,
    mutability: 'ReadWrite',
    flowNullValues: false,
    defaultValue: null,
    referencedObjects: [],
    metadata: [],
    apiExpressions: [],
    ...extra,
  };
}

/**
 * The synchronization schema of a freshly created non-gallery SCIM app, as Entra sets it up: the
 * default user and group mappings (more attributes than Pulumi accepts, which is what the
 * configuration check is for) and the target directory's attribute definitions.
 */
export function defaultSchema(jobId: string): JsonObject {
  return {
    id: jobId,
    version: 'Date:2026-11-01T00:00:00Z;SchemaVersion:2',
    synchronizationRules: [
      {
        id: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8#V2',
        name: 'USER_OUTBOUND_USER',
        sourceDirectoryName: 'Azure Active Directory',
        targetDirectoryName: 'customappsso',
        editable: true,
        priority: 1,
        metadata: [],
        objectMappings: [
          {
            enabled: true,
            flowTypes: 'Add, Update, Delete',
            name: 'Provision Microsoft Entra ID Users',
            sourceObjectName: 'User',
            targetObjectName: 'User',
            scope: null,
            metadata: [],
            attributeMappings: [
              direct('userName', 'userPrincipalName', { matchingPriority: 1 }),
              expression('active', 'Switch', 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'),
              direct('displayName', 'displayName'),
              direct('title', 'jobTitle'),
              direct('emails[type eq "work"].value', 'mail'),
              direct('preferredLanguage', 'preferredLanguage'),
              direct('name.givenName', 'givenName'),
              direct('name.familyName', 'surname'),
              expression('name.formatted', 'Join', 'Join(" ", [givenName], [surname])'),
              direct('phoneNumbers[type eq "work"].value', 'telephoneNumber'),
              direct('externalId', 'mailNickname'),
              direct('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'department'),
            ],
          },
          {
            enabled: true,
            flowTypes: 'Add, Update, Delete',
            name: 'Provision Microsoft Entra ID Groups',
            sourceObjectName: 'Group',
            targetObjectName: 'Group',
            scope: null,
            metadata: [],
            attributeMappings: [
              direct('displayName', 'displayName', { matchingPriority: 1 }),
              direct('externalId', 'objectId'),
              direct('members', 'members'),
            ],
          },
        ],
      },
    ],
    directories: [
      {
        id: 'customappsso',
        name: 'customappsso',
        version: '2026-11-01',
        discoverabilities: 'None',
        discoveryDateTime: null,
        metadata: [],
        objects: [
          {
            name: 'User',
            metadata: [],
            supportedApis: [],
            attributes: [
              attribute('userName', { required: true, anchor: false, caseExact: false }),
              attribute('active', { type: 'Boolean' }),
              attribute('displayName'),
              attribute('title'),
              attribute('emails[type eq "work"].value'),
              attribute('preferredLanguage'),
              attribute('name.givenName'),
              attribute('name.familyName'),
              attribute('name.formatted'),
              attribute('phoneNumbers[type eq "work"].value'),
              attribute('externalId'),
              attribute('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department'),
            ],
          },
          {
            name: 'Group',
            metadata: [],
            supportedApis: [],
            attributes: [
              attribute('displayName', { required: true }),
              attribute('externalId'),
              attribute('members', {
                type: 'Reference',
                multivalued: true,
                referencedObjects: [{ referencedObjectName: 'User' }],
              }),
            ],
          },
        ],
      },
    ],
  };
}

/** A job as Graph shows it right after provisioning was turned on. */
export function defaultJob(jobId: string): JsonObject {
  return {
    id: jobId,
    templateId: 'scim',
    schedule: { expiration: null, interval: 'PT40M', state: 'Active' },
    status: {
      code: 'NotRun',
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      lastExecution: null,
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      progress: [],
      quarantine: null,
      steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
      steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
      synchronizedEntryCountByType: [],
      troubleshootingUrl: null,
    },
    synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }],
  };
}
