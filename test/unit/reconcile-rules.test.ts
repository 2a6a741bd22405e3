import { describe, expect, it } from 'vitest';

import { defaultSchema } from '../../electron/emulators/graph/default-schema';
import { applyPulumiGuide } from '../../electron/emulators/scenarios/pulumi-guide-schema';
import { reconcile } from '../../electron/core/reconcile/reconcile';
import type { ReconcileInput } from '../../electron/core/reconcile/reconcile-input';

type Json = Record<string, unknown>;

/** The guide's schema with user Delete cleared: the healthy configuration. */
function healthySchema(): Json {
  const schema = defaultSchema('job');
  applyPulumiGuide(schema);
  const rule = (schema.synchronizationRules as Json[])[0] as Json;
  ((rule.objectMappings as Json[])[0] as Json).flowTypes = 'Add, Update';
  return schema;
}

const userMapping = (schema: Json, target: string) => {
  const rule = (schema.synchronizationRules as Json[])[0] as Json;
  const users = (rule.objectMappings as Json[])[0] as Json;
  return (users.attributeMappings as Json[]).find((m) => m.targetAttributeName === target) as Json;
};

/** One assigned user (Ada) provisioned and in sync, and one assigned group holding her. */
function world(overrides: Partial<ReconcileInput> = {}): ReconcileInput {
  return {
    entraUsers: [
      {
        id: 'u-ada',
        userPrincipalName: 'ada@contoso.test',
        mail: 'ada@contoso.test',
        displayName: 'Ada',
        givenName: 'Ada',
        surname: 'Lovelace',
        accountEnabled: 1,
      },
    ],
    entraGroups: [{ id: 'g-1', displayName: 'Analytics' }],
    userMembers: new Map([['g-1', Int32Array.of(0)]]),
    nestedGroups: new Map(),
    assignments: [
      { principalId: 'u-ada', principalType: 'User' },
      { principalId: 'g-1', principalType: 'Group' },
    ],
    pulumiUsers: [
      {
        id: 's-ada',
        userName: 'ada@contoso.test',
        email: 'ada@contoso.test',
        displayName: 'Ada',
        givenName: 'Ada',
        familyName: 'Lovelace',
        active: 1,
      },
    ],
    pulumiGroups: [{ id: 't-1', displayName: 'Analytics' }],
    teamMembers: new Map([['t-1', { known: Int32Array.of(0), unknown: [] }]]),
    pulumiTeams: null,
    pulumiAdminCount: null,
    pulumiOrganization: null,
    userLinks: { entra: new Int32Array(0), pulumi: new Int32Array(0), goneEntraIds: new Map() },
    groupLinks: [],
    failures: [],
    schema: healthySchema(),
    secrets: new Map([
      ['BaseAddress', 'https://api.pulumi.com/scim/v2/acme'],
      ['SyncAll', 'false'],
      ['SkipOutOfScopeDeletions', 'False'],
    ]),
    jobHistory: [],
    pollErrors: [],
    directoryReadAt: '2026-11-01T00:00:00Z',
    pulumiReadAt: '2026-11-01T00:00:00Z',
    restReadAt: null,
    ...overrides,
  };
}

const settings = { pulumiOrg: 'acme', pulumiApiUrl: 'https://api.pulumi.com' };
const kinds = (input: ReconcileInput, extra: Json = {}) =>
  reconcile(input, { ...settings, ...extra }).findings.map((f) => f.kind);

describe('reconciliation rules', () => {
  it('finds nothing in a world in sync, and counts it so', () => {
    const result = reconcile(world(), settings);
    expect(result.findings).toEqual([]);
    expect(result.counts.users).toEqual({ inScope: 1, matched: 1, inSync: 1 });
    expect(result.counts.teams).toEqual({ inScope: 1, matched: 1, inSync: 1 });
  });

  it('accepts the Tenant URL with another host case and a trailing slash, not another org', () => {
    const url = (value: string) => world({ secrets: new Map([...world().secrets, ['BaseAddress', value]]) });
    expect(kinds(url('https://API.Pulumi.com/scim/v2/acme/'))).toEqual([]);
    expect(kinds(url('https://api.pulumi.com/scim/v2/acme-corp'))).toEqual(['config.tenant_url']);
  });

  it('warns about 41-100-character team names only for a self-hosted Pulumi; over 100 is an error', () => {
    const named = (name: string) =>
      world({
        entraGroups: [{ id: 'g-1', displayName: name }],
        pulumiGroups: [{ id: 't-1', displayName: name }],
      });
    const sixty = 'x'.repeat(60);
    expect(kinds(named(sixty))).toEqual([]);
    const selfHosted = reconcile(named(sixty), { ...settings, pulumiSelfHosted: true }).findings;
    expect(selfHosted.map((f) => [f.kind, f.severity, f.evidence.limit])).toEqual([
      ['team.name_too_long', 'warning', 40],
    ]);
    const long = reconcile(named('y'.repeat(101)), settings).findings;
    expect(long.map((f) => [f.kind, f.severity, f.evidence.limit])).toEqual([
      ['team.name_too_long', 'error', 100],
    ]);
  });

  it('takes a stricter limit from an error Pulumi reported', () => {
    const name = 'z'.repeat(50);
    const input = world({
      entraGroups: [{ id: 'g-1', displayName: name }],
      pulumiGroups: [],
      failures: [
        {
          entraId: 'g-1',
          identityType: 'Group',
          status: 'failure',
          action: 'create',
          cause: 'team_name_too_long',
          errorCode: 'SystemForCrossDomainIdentityManagementBadRequest',
          activityDateTime: '2026-11-01T00:00:00Z',
          eventId: 'e-1',
          displayName: name,
          reason: 'Web Response: {"detail":"Display name is too long. It must be 40 characters or less"}',
        },
      ],
    });
    const found = reconcile(input, settings).findings;
    expect(found.find((f) => f.kind === 'team.name_too_long')?.evidence).toMatchObject({
      limit: 40,
      length: 50,
    });
    expect(found.find((f) => f.kind === 'provisioning.failure')?.rootKey).toBe('team.name_too_long|g-1');
  });

  it('leaves users who left scope active when SkipOutOfScopeDeletions is True, and not otherwise', () => {
    const unassigned = world({ assignments: [], userMembers: new Map() });
    expect(kinds(unassigned)).toContain('user.not_deprovisioned');
    const skipping = world({
      assignments: [],
      userMembers: new Map(),
      secrets: new Map([...world().secrets, ['SkipOutOfScopeDeletions', 'True']]),
    });
    expect(kinds(skipping).filter((k) => k.startsWith('user.'))).toEqual([]);
  });

  it('never calls a value computed by an expression it cannot evaluate a mismatch', () => {
    const input = world();
    const displayName = userMapping(input.schema as Json, 'displayName');
    displayName.source = { type: 'Function', name: 'Join', expression: 'Join(" ", [givenName], [surname])' };
    expect(kinds(input)).toEqual([]);
    // A direct mapping is compared.
    const renamed = world({ pulumiUsers: [{ ...world().pulumiUsers[0]!, displayName: 'Ada L.' }] });
    expect(kinds(renamed)).toEqual(['user.attribute_mismatch']);
  });

  it('matches a guest by the UPN Entra sends, without #EXT#', () => {
    const guest = world({
      entraUsers: [
        { ...world().entraUsers[0]!, userPrincipalName: 'ada_fabrikam.com#EXT#@contoso.test', mail: null },
      ],
      pulumiUsers: [{ ...world().pulumiUsers[0]!, userName: 'ada_fabrikam.com@contoso.test', email: null }],
    });
    const result = reconcile(guest, settings);
    expect(result.counts.users.matched).toBe(1);
    expect(result.findings.filter((f) => f.kind !== 'user.attribute_mismatch')).toEqual([]);
  });

  it('matches one to one: a second Entra user with the same mail does not take the account', () => {
    const twin = { ...world().entraUsers[0]!, id: 'u-twin', userPrincipalName: 'ada.admin@contoso.test' };
    const input = world({
      entraUsers: [...world().entraUsers, twin],
      assignments: [...world().assignments, { principalId: 'u-twin', principalType: 'User' }],
    });
    const result = reconcile(input, settings);
    expect(result.counts.users).toMatchObject({ inScope: 2, matched: 1 });
    expect(
      result.findings
        .filter((f) => f.entraId === 'u-twin')
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['user.duplicate_email', 'user.missing_in_pulumi']);
  });

  it("follows the log's links before names, and expects an account linked to a deleted user inactive", () => {
    const base = world();
    const ada = base.entraUsers[0]!;
    const account = base.pulumiUsers[0]!;
    // Ada renamed in Entra: her UPN and mail now name nobody in Pulumi, but the log links her account.
    const renamed = { ...ada, userPrincipalName: 'ada.l@contoso.test', mail: 'ada.l@contoso.test' };
    // An account whose userName Ada's new UPN names, created for someone else and linked to a user
    // Entra has since deleted.
    const other = { ...account, id: 's-other', userName: 'ada.l@contoso.test', email: 'ada.l@contoso.test' };
    const input = world({
      entraUsers: [renamed],
      pulumiUsers: [account, other],
      teamMembers: new Map([['t-1', { known: Int32Array.of(0), unknown: [] }]]),
      userLinks: {
        entra: Int32Array.of(0, -1),
        pulumi: Int32Array.of(0, 1),
        goneEntraIds: new Map([[1, 'u-deleted']]),
      },
    });
    const result = reconcile(input, settings);
    expect(result.counts.users).toMatchObject({ inScope: 1, matched: 1 });
    const byKind = (kind: string) => result.findings.filter((f) => f.kind === kind);
    // Paired by the link, Ada's account is compared with her new values, not left unmatched.
    expect(byKind('user.username_diverged').map((f) => [f.entraId, f.scimId])).toEqual([['u-ada', 's-ada']]);
    expect(byKind('user.unmatched_in_pulumi')).toEqual([]);
    expect(byKind('user.not_deprovisioned').map((f) => [f.entraId, f.scimId])).toEqual([
      ['u-deleted', 's-other'],
    ]);
  });
});
