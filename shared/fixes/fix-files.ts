/** Every fix of resources/fixes, one JSON file each (bundled, so every host reads the same data). */
import addUserEmail from '../../resources/fixes/add-user-email.json';
import assignUsers from '../../resources/fixes/assign-users.json';
import configureSaml from '../../resources/fixes/configure-saml.json';
import deprovisionUser from '../../resources/fixes/deprovision-user.json';
import disableUserDelete from '../../resources/fixes/disable-user-delete.json';
import enableGroupMapping from '../../resources/fixes/enable-group-mapping.json';
import enableUserMapping from '../../resources/fixes/enable-user-mapping.json';
import fixTenantUrl from '../../resources/fixes/fix-tenant-url.json';
import flattenNestedGroups from '../../resources/fixes/flatten-nested-groups.json';
import grantGraphPermission from '../../resources/fixes/grant-graph-permission.json';
import leaveQuarantine from '../../resources/fixes/leave-quarantine.json';
import licenseForLogs from '../../resources/fixes/license-for-logs.json';
import preventQuarantine from '../../resources/fixes/prevent-quarantine.json';
import provisionMissingTeam from '../../resources/fixes/provision-missing-team.json';
import provisionMissingUser from '../../resources/fixes/provision-missing-user.json';
import provisionTeamMemberFirst from '../../resources/fixes/provision-team-member-first.json';
import reactivateTeamMember from '../../resources/fixes/reactivate-team-member.json';
import reactivateUser from '../../resources/fixes/reactivate-user.json';
import releaseEmailInUse from '../../resources/fixes/release-email-in-use.json';
import removeExtraAttributes from '../../resources/fixes/remove-extra-attributes.json';
import removeGroupExternalId from '../../resources/fixes/remove-group-external-id.json';
import removeStaleTeam from '../../resources/fixes/remove-stale-team.json';
import renameTeam from '../../resources/fixes/rename-team.json';
import renewScimToken from '../../resources/fixes/renew-scim-token.json';
import requireEmail from '../../resources/fixes/require-email.json';
import resolveDuplicateEmail from '../../resources/fixes/resolve-duplicate-email.json';
import resolveTeamNameCollision from '../../resources/fixes/resolve-team-name-collision.json';
import retryAfterFailure from '../../resources/fixes/retry-after-failure.json';
import scopeAssignedOnly from '../../resources/fixes/scope-assigned-only.json';
import secondPulumiAdmin from '../../resources/fixes/second-pulumi-admin.json';
import shortenTeamName from '../../resources/fixes/shorten-team-name.json';
import startProvisioning from '../../resources/fixes/start-provisioning.json';
import syncTeamMembers from '../../resources/fixes/sync-team-members.json';
import syncUserAttribute from '../../resources/fixes/sync-user-attribute.json';
import unmatchedPulumiUser from '../../resources/fixes/unmatched-pulumi-user.json';
import unstickProvisioning from '../../resources/fixes/unstick-provisioning.json';
import userNameCreateOnly from '../../resources/fixes/user-name-create-only.json';
import usernameChangedAfterCreation from '../../resources/fixes/username-changed-after-creation.json';
import usernameFromUpn from '../../resources/fixes/username-from-upn.json';
import usernameTaken from '../../resources/fixes/username-taken.json';

export const fixFiles: unknown[] = [
  addUserEmail,
  assignUsers,
  configureSaml,
  deprovisionUser,
  disableUserDelete,
  enableGroupMapping,
  enableUserMapping,
  fixTenantUrl,
  flattenNestedGroups,
  grantGraphPermission,
  leaveQuarantine,
  licenseForLogs,
  preventQuarantine,
  provisionMissingTeam,
  provisionMissingUser,
  provisionTeamMemberFirst,
  reactivateTeamMember,
  reactivateUser,
  releaseEmailInUse,
  removeExtraAttributes,
  removeGroupExternalId,
  removeStaleTeam,
  renameTeam,
  renewScimToken,
  requireEmail,
  resolveDuplicateEmail,
  resolveTeamNameCollision,
  retryAfterFailure,
  scopeAssignedOnly,
  secondPulumiAdmin,
  shortenTeamName,
  startProvisioning,
  syncTeamMembers,
  syncUserAttribute,
  unmatchedPulumiUser,
  unstickProvisioning,
  userNameCreateOnly,
  usernameChangedAfterCreation,
  usernameFromUpn,
  usernameTaken,
];
