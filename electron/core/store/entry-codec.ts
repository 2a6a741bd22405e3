import { deflateSync, inflateSync } from 'node:zlib';

/**
 * How a provisioning log entry is kept: the JSON text Graph sent, deflated (zlib format, so a wrong
 * dictionary or a damaged blob fails loudly on its Adler-32 instead of decoding to something else).
 *
 * A log entry is small (about 2 KB) and most of it is the same words in every entry, which deflate
 * cannot find inside one entry alone. The preset dictionary gives them: first a skeleton of Graph's
 * provisioningObjectSummary (its keys and common values), then the entry's own ids and names from
 * its columns (they recur inside the entry, so each costs a back-reference after the first).
 * The columns used here are written once and never updated (a trigger refuses it), or the entry
 * could no longer be read.
 */
const formatVersion = 1;

const skeleton = [
  '{"@odata.type":"#microsoft.graph.provisioningObjectSummary","additionalDetails":null,',
  '"errorCategory":"nonServiceFailure","recommendedAction":null,"errorCategory":"failure",',
  '{"displayName":"accountEnabled","oldValue":null,"newValue":"True"},',
  '{"displayName":"givenName","oldValue":null,"newValue":"',
  '{"displayName":"surname","oldValue":null,"newValue":"',
  '{"displayName":"mail","oldValue":null,"newValue":"',
  '{"displayName":"mailNickname","oldValue":null,"newValue":"',
  '{"displayName":"userName","oldValue":null,"newValue":"',
  '{"displayName":"externalId","oldValue":null,"newValue":"',
  '{"displayName":"emails[type eq \\"work\\"].value","oldValue":null,"newValue":"',
  '{"displayName":"userPrincipalName","oldValue":null,"newValue":"',
  '{"displayName":"members","oldValue":null,"newValue":"',
  '{"displayName":"securityEnabled","oldValue":null,"newValue":"True"},',
  '"SystemForCrossDomainIdentityManagementBadResponse","SystemForCrossDomainIdentityManagementServiceIncompatible",',
  'Message: Pulumi Cloud returned an error response with the HTTP status code 409. ',
  'Message: Pulumi Cloud returned an error response with the HTTP status code 400. ',
  '"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"uniqueness","detail":"',
  '"provisioningAction":"delete","provisioningAction":"disable","provisioningAction":"stagedDelete",',
  '"provisioningStatusInfo":{"status":"skipped","errorInformation":{"errorCode":"',
  '"provisioningStatusInfo":{"status":"failure","errorInformation":{"errorCode":"',
  '"reason":"',
  '{"name":"EntryExportDelete","provisioningStepType":"export","status":"success","description":"',
  '{"name":"EntryExportUpdate","provisioningStepType":"export","status":"failure","description":"Failed to update User \'',
  '{"name":"EntryExportAdd","provisioningStepType":"export","status":"failure","description":"Failed to create User \'',
  ' change of type (Add) from Azure Active Directory"," will be created in ',
  ' (User is active and assigned in Azure Active Directory, but no matching User was found in ',
  '"sourceIdentity":{"id":"","displayName":"","identityType":"Group","details":{}},',
  '"targetIdentity":{"id":"","displayName":"","identityType":"Group","details":{}},',
  '{"id":"","activityDateTime":"","tenantId":"","jobId":"scim.","cycleId":"","changeId":"",',
  '"provisioningAction":"create","durationInMilliseconds":900,',
  '"sourceSystem":{"id":"","displayName":"Azure Active Directory","details":{}},',
  '"targetSystem":{"id":"","displayName":"Pulumi Cloud","details":{"ApplicationId":"",',
  '"ServicePrincipalId":"","ServicePrincipalDisplayName":"Pulumi Cloud"}},',
  '"initiatedBy":{"id":"","displayName":"Azure AD Provisioning Service","initiatorType":"system"},',
  '"servicePrincipal":{"id":"","displayName":"Pulumi Cloud"},',
  '"sourceIdentity":{"id":"","displayName":"","identityType":"User","details":{}},',
  '"targetIdentity":{"id":"","displayName":"","identityType":"User","details":{}},',
  '"provisioningStatusInfo":{"status":"success","errorInformation":null},"provisioningSteps":[',
  '{"name":"EntryImportAdd","provisioningStepType":"import","status":"success","description":"Received User \'',
  '{"name":"EntryImport","provisioningStepType":"import","status":"success","description":"Received User \'',
  '\' change from Azure Active Directory","details":{}},',
  '{"name":"EntrySynchronizationAdd","provisioningStepType":"matching","status":"success","description":"User \'',
  '{"name":"EntrySynchronizationUpdate","provisioningStepType":"matching","status":"success","description":"User \'',
  '\' will be updated in Pulumi Cloud","details":{}},',
  '{"name":"EntryExportAdd","provisioningStepType":"export","status":"success","description":"User \'',
  '{"name":"EntryExportUpdate","provisioningStepType":"export","status":"success","description":"User \'',
  '\' was updated in Pulumi Cloud","details":{"ReportableIdentifier":"',
  '"}}],"modifiedProperties":[{"displayName":"objectId","oldValue":null,"newValue":"',
].join('');

const staticDictionary = Buffer.from(skeleton, 'utf8');

/** The entry's own values, taken from its row: the same on the way in and out. */
export interface EntryKeys {
  id: string;
  jobId: string | null;
  cycleId: string | null;
  changeId: string | null;
  sourceId: string | null;
  targetId: string | null;
  sourceDisplayName: string | null;
  targetDisplayName: string | null;
}

function dictionaryFor(keys: EntryKeys): Buffer {
  const own = [
    keys.jobId,
    keys.cycleId,
    keys.changeId,
    keys.sourceDisplayName,
    keys.targetDisplayName,
    keys.targetId,
    keys.sourceId,
    keys.id,
  ].join('"');
  return Buffer.concat([staticDictionary, Buffer.from(own, 'utf8')]);
}

/** The entry's JSON text as stored: a version byte, then the deflated text. */
export function packEntry(raw: string, keys: EntryKeys): Buffer {
  const body = deflateSync(Buffer.from(raw, 'utf8'), { level: 6, dictionary: dictionaryFor(keys) });
  return Buffer.concat([Buffer.of(formatVersion), body]);
}

/** The entry's JSON text exactly as it was packed; throws if the blob or its row was altered. */
export function unpackEntry(packed: Uint8Array, keys: EntryKeys): string {
  const blob = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  if (blob[0] !== formatVersion)
    throw new Error(`Log entry ${keys.id} is stored in an unknown format (${blob[0]}).`);
  return inflateSync(blob.subarray(1), { dictionary: dictionaryFor(keys) }).toString('utf8');
}
