import { existsSync, readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphScope } from '../../electron/core/entra/credential-factory';
import { buildLogEntry } from '../../electron/emulators/graph/log-entry';
import { startGraphWorld, type GraphWorld } from '../helpers/graph';
import { makeTempDir } from '../helpers/temp-dir';

const samples = new URL('../../../shared/fixtures/graph-doc-samples/', import.meta.url);
const sample = (name: string) => JSON.parse(readFileSync(new URL(name, samples), 'utf8')) as unknown;

/** Keys that appear in the docs' samples only by mistake (the README of the samples lists them). */
const docTypos = new Set(['initiatingType']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Every field of the documented sample must exist in ours with the same JSON type. Null matches any
 * type on either side: Graph's properties are nullable, and the samples fill some with placeholders.
 */
function shapeDifferences(expected: Json, actual: Json, path = '$'): string[] {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te === 'null' || ta === 'null') return [];
  if (te !== ta) return [`${path}: sample has ${te}, emulator has ${ta}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (!expected.length || !actual.length) return [];
    return shapeDifferences(expected[0] ?? null, actual[0] ?? null, `${path}[0]`);
  }
  if (te === 'object') {
    const e = expected as Record<string, Json>;
    const a = actual as Record<string, Json>;
    return Object.keys(e)
      .filter((key) => !docTypos.has(key) && !key.startsWith('@odata.'))
      .flatMap((key) =>
        key in a
          ? shapeDifferences(e[key] ?? null, a[key] ?? null, `${path}.${key}`)
          : [`${path}.${key}: missing`],
      );
  }
  return [];
}

describe('the emulator’s payloads against Microsoft’s documented samples', () => {
  const dir = makeTempDir();
  let world: GraphWorld;
  let token = '';
  const get = async (path: string) => {
    const response = await world.transport.fetch(`${world.emulator.origin}/v1.0${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as Json;
  };

  beforeAll(async () => {
    if (!existsSync(samples))
      throw new Error(
        `Microsoft's samples are read from ${samples.pathname}: the team's shared/ folder must sit beside the repository.`,
      );
    world = await startGraphWorld(dir.path);
    const { tenant } = world.emulator;
    const user = tenant.addUser({
      userPrincipalName: 'adele@contoso.test',
      displayName: 'Adele',
      givenName: 'Adele',
      surname: 'Vance',
      mail: 'adele@contoso.test',
      jobTitle: 'Manager',
      preferredLanguage: 'en-US',
    });
    const inner = tenant.addGroup({ displayName: 'Sales EMEA' });
    const group = tenant.addGroup({ displayName: 'Sales', memberIds: [user.id, inner.id] });
    tenant.assign(world.servicePrincipalId, user.id);
    for (const status of ['success', 'failure'] as const) {
      tenant.log.add(
        buildLogEntry({
          tenantId: tenant.tenantId,
          jobId: world.jobId,
          servicePrincipal: {
            id: world.servicePrincipalId,
            appId: world.provisioningAppId,
            displayName: 'Pulumi Cloud',
          },
          activityDateTime: new Date(Date.now() - (status === 'success' ? 2 : 1) * 3_600_000).toISOString(),
          cycleId: 'c1',
          action: 'create',
          status,
          identityType: 'Group',
          source: { id: group.id, displayName: group.displayName },
          target: { id: status === 'success' ? 'scim-1' : '', displayName: '' },
          ...(status === 'failure'
            ? {
                error: {
                  errorCode: 'SystemForCrossDomainIdentityManagementConflict',
                  reason: 'StatusCode: Conflict',
                },
              }
            : {}),
        }),
      );
    }
    token = (await world.credential('secret').getToken(graphScope(world.emulator.origin)))?.token ?? '';
  });
  afterAll(async () => {
    await world.emulator.close();
    dir.remove();
  });

  const first = (page: Json) => (page as { value: Json[] }).value[0] ?? null;
  const filterSp = () =>
    `$filter=${encodeURIComponent(`servicePrincipal/id eq '${world.servicePrincipalId}'`)}&$orderby=activityDateTime%20asc`;

  it('provisioning log entries (success and failure)', async () => {
    const page = (await get(`/auditLogs/provisioning?${filterSp()}`)) as { value: Json[] };
    expect(
      shapeDifferences(
        first(sample('provisioning-list-v1.0-example1-success.json') as Json),
        page.value[0] ?? null,
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        first(sample('provisioning-list-v1.0-example2-failure.json') as Json),
        page.value[1] ?? null,
      ),
    ).toEqual([]);
  });

  it('synchronization jobs and a job', async () => {
    const sp = world.servicePrincipalId;
    expect(
      shapeDifferences(
        first(sample('synchronization-jobs-list.json') as Json),
        first(await get(`/servicePrincipals/${sp}/synchronization/jobs`)),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        sample('synchronization-job-get.json') as Json,
        await get(`/servicePrincipals/${sp}/synchronization/jobs/${world.jobId}`),
      ),
    ).toEqual([]);
  });

  it('the synchronization schema', async () => {
    const schema = await get(
      `/servicePrincipals/${world.servicePrincipalId}/synchronization/jobs/${world.jobId}/schema`,
    );
    expect(shapeDifferences(sample('synchronization-schema-get-with-rule-id.json') as Json, schema)).toEqual(
      [],
    );
  });

  it('app role assignments, group members and users', async () => {
    const { tenant } = world.emulator;
    const group = [...tenant.groups.values()].find((g) => g.displayName === 'Sales');
    const [user] = [...tenant.users.values()];
    expect(
      shapeDifferences(
        sample('approleassignedto-list-v1.0.json') as Json,
        await get(`/servicePrincipals/${world.servicePrincipalId}/appRoleAssignedTo`),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        sample('group-members-list-v1.0-example1.json') as Json,
        await get(`/groups/${group?.id}/members`),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(sample('user-get-v1.0-example1.json') as Json, await get(`/users/${user?.id}`)),
    ).toEqual([]);
    expect(
      shapeDifferences(
        sample('user-get-v1.0-example3-select.json') as Json,
        await get(`/users/${user?.id}?$select=displayName,givenName,postalCode,identities`),
      ),
    ).toEqual([]);
  });

  it('user and group delta pages', async () => {
    expect(
      shapeDifferences(
        first(sample('user-delta-v1.0-example1.json') as Json),
        first(await get('/users/delta')),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        first(sample('group-delta-v1.0-example1.json') as Json),
        first(await get('/groups/delta')),
      ),
    ).toEqual([]);
  });

  it('the remaining list and delta samples', async () => {
    const { tenant } = world.emulator;
    const group = [...tenant.groups.values()].find((g) => g.displayName === 'Sales');
    const sp = world.servicePrincipalId;
    // v1.0 samples only: the emulator serves v1.0 (beta adds properties such as creationTimestamp).
    const cases: [string, string, boolean][] = [
      [
        'group-members-list-v1.0-example4-search-cast.json',
        `/groups/${group?.id}/members/microsoft.graph.user`,
        true,
      ],
      ['group-members-list-v1.0-example5-filter.json', `/groups/${group?.id}/members`, true],
      ['group-transitivemembers-list-v1.0-example1.json', `/groups/${group?.id}/transitiveMembers`, true],
      [
        'group-transitivemembers-list-v1.0-example3-groups-cast.json',
        `/groups/${group?.id}/transitiveMembers/microsoft.graph.group`,
        true,
      ],
      ['user-delta-v1.0-example2.json', '/users/delta', true],
      ['user-delta-v1.0-example3.json', '/users/delta?$select=displayName,jobTitle,mobilePhone', true],
      ['group-delta-v1.0-example2.json', '/groups/delta', true],
      ['group-delta-v1.0-example3.json', '/groups/delta', true],
      [
        'synchronization-schema-get-minimal.json',
        `/servicePrincipals/${sp}/synchronization/jobs/${world.jobId}/schema`,
        false,
      ],
    ];
    for (const [file, path, firstItem] of cases) {
      const expected = sample(file) as Json;
      const actual = await get(path);
      const differences = firstItem
        ? shapeDifferences(first(expected), first(actual))
        : shapeDifferences(expected, actual);
      expect(differences, file).toEqual([]);
    }
    const userMapping =
      ((tenant.schemas.get(world.jobId)?.synchronizationRules as { objectMappings: Json[] }[]) ?? [])[0]
        ?.objectMappings[0] ?? null;
    expect(
      shapeDifferences(sample('synchronization-objectmapping-example.json') as Json, userMapping),
    ).toEqual([]);
  });

  it('the provisionOnDemand answer: key and value are JSON strings', async () => {
    const [user] = [...world.emulator.tenant.users.values()];
    const ruleId = ((world.emulator.tenant.schemas.get(world.jobId)?.synchronizationRules as {
      id: string;
    }[]) ?? [])[0]?.id;
    const response = await world.transport.fetch(
      `${world.emulator.origin}/v1.0/servicePrincipals/${world.servicePrincipalId}/synchronization/jobs/${world.jobId}/provisionOnDemand`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          parameters: [{ ruleId, subjects: [{ objectId: user?.id, objectTypeName: 'User' }] }],
        }),
      },
    );
    const body = (await response.json()) as Json;
    expect(shapeDifferences(sample('provision-on-demand-user-response-v1.0.json') as Json, body)).toEqual([]);
  });
});
