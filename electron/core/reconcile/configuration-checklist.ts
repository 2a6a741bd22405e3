import type { ChecklistOutcome, ChecklistStep } from '../../../shared/contract';
import { pulumiUserAttributes } from '../../../shared/pulumi-rules';
import type { RuleContext } from './rule-context';

type ConfigKind = ChecklistStep['kind'];

interface StepResult {
  outcome: ChecklistOutcome;
  detail: string;
  evidence?: Record<string, unknown>;
}

const pass = (detail: string): StepResult => ({ outcome: 'pass', detail });
const fail = (detail: string, evidence: Record<string, unknown>): StepResult => ({
  outcome: 'fail',
  detail,
  evidence,
});
const unknown = (detail: string): StepResult => ({ outcome: 'unknown', detail });

/** The SCIM base URL compared loosely: scheme and host case-insensitive, a trailing slash ignored. */
function normalizedUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

/**
 * Each step of Pulumi's guide to SCIM provisioning from Entra ID, in the guide's order, as a check on
 * live data (the steps are listed in ARCHITECTURE.md, "Reconciliation").
 */
const steps: [ConfigKind, (context: RuleContext) => StepResult][] = [
  [
    'config.saml_not_configured',
    ({ input, settings }) => {
      const enabled = input.pulumiOrganization?.features?.samlSsoEnabled;
      if (enabled === true) return pass('Pulumi reports SAML SSO as on.');
      if (enabled === false)
        return fail('Pulumi reports SAML SSO as off.', {
          org: settings.pulumiOrg ?? null,
          samlSsoEnabled: false,
        });
      return unknown('Needs the Pulumi access token (REST API) to check.');
    },
  ],
  [
    'config.single_pulumi_admin',
    ({ input, settings }) => {
      const adminCount = input.pulumiAdminCount;
      if (adminCount === null) return unknown('Needs the Pulumi access token (REST API) to check.');
      return adminCount > 1
        ? pass(`${adminCount} admins.`)
        : fail(`${adminCount} admin(s); the guide recommends more than one.`, {
            org: settings.pulumiOrg ?? null,
            adminCount,
          });
    },
  ],
  [
    'config.tenant_url',
    ({ input, settings }) => {
      const actual = input.secrets.get('BaseAddress');
      if (!actual) return unknown('Entra has not reported its Tenant URL yet.');
      if (!settings.pulumiOrg || !settings.pulumiApiUrl)
        return unknown('Set the Pulumi organization in Settings to check it.');
      const expected = `${settings.pulumiApiUrl.replace(/\/+$/, '')}/scim/v2/${settings.pulumiOrg}`;
      return normalizedUrl(actual) === normalizedUrl(expected)
        ? pass(`Tenant URL is ${actual}.`)
        : fail(`Tenant URL is ${actual}; expected ${expected}.`, { actual, expected });
    },
  ],
  [
    'config.users_mapping_disabled',
    ({ schema }) => {
      if (!schema?.users) return unknown('The job schema has not been read yet.');
      return schema.users.enabled
        ? pass('User provisioning is enabled.')
        : fail('The Provision Microsoft Entra ID Users mapping is disabled.', { enabled: false });
    },
  ],
  [
    'config.username_source',
    ({ schema }) => {
      const userName = schema?.users?.attributes.find((a) => a.target === 'userName');
      if (!userName) return unknown('No userName mapping found.');
      const actual = userName.sourceType === 'Attribute' ? userName.source : userName.expression;
      return userName.sourceType === 'Attribute' && userName.source === 'userPrincipalName'
        ? pass('userName comes from userPrincipalName.')
        : fail(`userName comes from ${actual}.`, { actual, expected: 'userPrincipalName' });
    },
  ],
  [
    'config.username_not_create_only',
    ({ schema }) => {
      const userName = schema?.users?.attributes.find((a) => a.target === 'userName');
      if (!userName) return unknown('No userName mapping found.');
      return userName.flowType === 'ObjectAddOnly'
        ? pass('userName applies only during object creation.')
        : fail('userName applies on every update; Pulumi refuses changes to it.', {
            flowType: userName.flowType,
          });
    },
  ],
  [
    'config.extra_user_attributes',
    ({ schema }) => {
      if (!schema?.users) return unknown('The job schema has not been read yet.');
      const extra = schema.users.attributes.map((a) => a.target).filter((t) => !pulumiUserAttributes.has(t));
      return extra.length === 0
        ? pass('Only the six attributes Pulumi accepts are mapped.')
        : fail(`${extra.length} mapped attribute(s) Pulumi does not accept.`, { extraAttributes: extra });
    },
  ],
  [
    'config.email_not_required',
    ({ schema }) => {
      if (!schema) return unknown('The job schema has not been read yet.');
      return schema.requiredUserTargets.has('emails[type eq "work"].value')
        ? pass('The work email is required.')
        : fail('emails[type eq "work"].value is not marked required.', { required: false });
    },
  ],
  [
    'config.groups_mapping_disabled',
    ({ schema }) => {
      if (!schema?.groups) return unknown('The job schema has not been read yet.');
      return schema.groups.enabled
        ? pass('Group provisioning is enabled.')
        : fail('Group provisioning is disabled: groups do not become teams.', { enabled: false });
    },
  ],
  [
    'config.group_external_id_mapped',
    ({ schema }) => {
      if (!schema?.groups) return unknown('The job schema has not been read yet.');
      return schema.groups.attributes.some((a) => a.target === 'externalId')
        ? fail('Groups still map objectId to externalId.', { target: 'externalId' })
        : pass('No externalId mapping for groups.');
    },
  ],
  [
    'config.scope_all_users',
    ({ input, scope }) => {
      if (!input.secrets.has('SyncAll')) return unknown('Entra has not reported its scope yet.');
      return scope.syncAll
        ? fail('Scope is "Sync all users and groups".', { syncAll: true })
        : pass('Scope is "Sync only assigned users and groups".');
    },
  ],
  [
    'config.user_delete_enabled',
    ({ schema }) => {
      if (!schema?.users) return unknown('The job schema has not been read yet.');
      return schema.users.flowTypes.has('Delete')
        ? fail('Delete is a target action for users; Pulumi refuses user deletion.', {
            flowTypes: [...schema.users.flowTypes],
          })
        : pass('Users are deactivated, not deleted.');
    },
  ],
  [
    'config.no_assignments',
    ({ input, scope }) => {
      if (scope.syncAll) return pass('Scope covers every user; no assignment needed.');
      if (!input.directoryReadAt) return unknown('The app assignments have not been read yet.');
      const assigned = input.assignments.filter(
        (a) => a.principalType === 'User' || a.principalType === 'Group',
      );
      return assigned.length > 0
        ? pass(`${assigned.length} users and groups assigned.`)
        : fail('No user or group is assigned to the app.', { assignments: 0 });
    },
  ],
];

/** Runs the checklist; every failed step becomes a finding of its kind. */
export function configurationChecklist(context: RuleContext): ChecklistStep[] {
  return steps.map(([kind, check]) => {
    const result = check(context);
    if (result.outcome === 'fail')
      context.findings.add(
        kind,
        { displayName: 'Provisioning configuration' },
        { detail: result.detail, ...result.evidence },
      );
    return { kind, outcome: result.outcome, detail: result.detail };
  });
}
