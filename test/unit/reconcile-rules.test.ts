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

  describe('every rule that reads scope, under both scope settings', () => {
    /** Ada assigned and in sync; Bo not assigned, in an unassigned group Ops, as the case needs. */
    const withBo = (
      bo: Partial<ReconcileInput['entraUsers'][number]>,
      extra: Partial<ReconcileInput> = {},
    ) => {
      const base = world();
      return world({
        entraUsers: [
          ...base.entraUsers,
          {
            id: 'u-bo',
            userPrincipalName: 'bo@contoso.test',
            mail: 'bo@contoso.test',
            displayName: 'Bo',
            givenName: 'Bo',
            surname: 'Berg',
            accountEnabled: 1,
            ...bo,
          },
        ],
        entraGroups: [...base.entraGroups, { id: 'g-ops', displayName: 'Ops' }],
        userMembers: new Map([...base.userMembers, ['g-ops', Int32Array.of(1)]]),
        ...extra,
      });
    };
    const syncAll = (input: ReconcileInput, on: boolean) => ({
      ...input,
      secrets: new Map([...input.secrets, ['SyncAll', on ? 'true' : 'false']]),
    });
    const objectKinds = (input: ReconcileInput, entraId: string) =>
      reconcile(input, settings)
        .findings.filter((f) => f.entraId === entraId)
        .map((f) => f.kind)
        .sort();

    it('missing and pre-flight: an unassigned user is expected in Pulumi only with SyncAll', () => {
      expect(objectKinds(syncAll(withBo({}), false), 'u-bo')).toEqual([]);
      expect(objectKinds(syncAll(withBo({}), true), 'u-bo')).toEqual(['user.missing_in_pulumi']);
      expect(objectKinds(syncAll(withBo({ mail: null }), false), 'u-bo')).toEqual([]);
      expect(objectKinds(syncAll(withBo({ mail: null }), true), 'u-bo')).toEqual([
        'user.missing_email',
        'user.missing_in_pulumi',
      ]);
    });

    it('not deprovisioned: an unassigned user’s active account is due for removal only without SyncAll', () => {
      const base = world();
      const account = {
        ...base.pulumiUsers[0]!,
        id: 's-bo',
        userName: 'bo@contoso.test',
        email: 'bo@contoso.test',
        displayName: 'Bo',
        givenName: 'Bo',
        familyName: 'Berg',
      };
      const input = withBo({}, { pulumiUsers: [...base.pulumiUsers, account] });
      expect(objectKinds(syncAll(input, false), 'u-bo')).toEqual(['user.not_deprovisioned']);
      expect(objectKinds(syncAll(input, true), 'u-bo')).toEqual([]);
    });

    it('teams and their members: an unassigned group is expected as a team, with its members, only with SyncAll', () => {
      expect(objectKinds(syncAll(withBo({}), false), 'g-ops')).toEqual([]);
      expect(objectKinds(syncAll(withBo({}), true), 'g-ops')).toEqual(['team.missing_in_pulumi']);
      // Bo in the assigned group Analytics: in scope either way, so his missing account blocks the team.
      const inAnalytics = (on: boolean) =>
        syncAll(withBo({}, { userMembers: new Map([['g-1', Int32Array.of(0, 1)]]) }), on);
      for (const on of [false, true])
        expect(objectKinds(inAnalytics(on), 'g-1'), `SyncAll ${on}`).toEqual(['team.member_not_provisioned']);
    });

    it('claims nothing about users or teams behind a scoping filter it cannot evaluate', () => {
      const filtered = (which: 0 | 1) => {
        const schema = healthySchema();
        const rule = (schema.synchronizationRules as Json[])[0] as Json;
        ((rule.objectMappings as Json[])[which] as Json).scope = {
          '@odata.type': '#microsoft.graph.filter',
          categoryFilterGroups: [],
          groups: [{ clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS' }] }],
          inputFilterGroups: [],
        };
        return schema;
      };
      for (const on of [false, true]) {
        // Bo assigned but maybe filtered out: not missing, and Ada's inactive account not wrong either.
        const base = withBo(
          {},
          {
            schema: filtered(0),
            assignments: [...world().assignments, { principalId: 'u-bo', principalType: 'User' }],
          },
        );
        const inactiveAda = { ...base.pulumiUsers[0]!, active: 0 };
        const input = syncAll({ ...base, pulumiUsers: [inactiveAda] }, on);
        expect(objectKinds(input, 'u-bo'), `SyncAll ${on}`).toEqual([]);
        expect(objectKinds(input, 'u-ada'), `SyncAll ${on}`).toEqual([]);
        expect(reconcile(input, settings).counts.users.inScope).toBe(0);
        // A group filter: the unassigned group's team is not claimed missing even with SyncAll.
        expect(objectKinds(syncAll(withBo({}, { schema: filtered(1) }), on), 'g-ops')).toEqual([]);
      }
      // Without a filter the same inactive account is a finding.
      const unfiltered = world({ pulumiUsers: [{ ...world().pulumiUsers[0]!, active: 0 }] });
      expect(objectKinds(unfiltered, 'u-ada')).toEqual(['user.inactive_in_pulumi']);
    });
  });
});
