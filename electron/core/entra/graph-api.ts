import type { Client } from '@microsoft/microsoft-graph-client';

import type { ProvisioningStatus, ResetScope } from '../../../shared/contract';
import type { GraphEndpoint } from '../../../shared/graph-permissions';
import { toScimWatchError } from './graph-errors';
import type {
  AppRoleAssignment,
  DirectoryObject,
  GraphPage,
  ProvisioningEntry,
  SecretPair,
  ServicePrincipal,
  SynchronizationJob,
} from './graph-types';

/** Graph's limit on ids in one groups/delta `$filter`. */
const maxDeltaIdFilter = 50;

export interface ProvisioningQuery {
  servicePrincipalId: string;
  /** Only entries strictly after this time (the watermark minus the overlap). */
  after?: string;
  jobId?: string;
  status?: ProvisioningStatus;
  top?: number;
  order?: 'asc' | 'desc';
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Typed calls for every Graph endpoint ScimWatch uses; errors come back as ScimWatchErrors. */
export class EntraGraph {
  constructor(
    private readonly client: Client,
    private readonly kind: 'application' | 'delegated' = 'application',
  ) {}

  /** Provisioning log pages, following every nextLink; each page is yielded as it arrives. */
  async *provisioningEvents(query: ProvisioningQuery): AsyncGenerator<ProvisioningEntry[]> {
    const filter = [`servicePrincipal/id eq ${quote(query.servicePrincipalId)}`];
    if (query.jobId) filter.push(`jobId eq ${quote(query.jobId)}`);
    if (query.after) filter.push(`activityDateTime gt ${query.after}`);
    if (query.status) filter.push(`provisioningStatusInfo/status eq ${quote(query.status)}`);
    const request = this.client
      .api('/auditLogs/provisioning')
      .filter(filter.join(' and '))
      .orderby(`activityDateTime ${query.order ?? 'asc'}`);
    if (query.top) request.top(query.top);
    yield* this.follow<ProvisioningEntry>(
      'provisioningLogs',
      () => request.get() as Promise<GraphPage<ProvisioningEntry>>,
    );
  }

  servicePrincipal(id: string): Promise<ServicePrincipal> {
    return this.call('servicePrincipalRead', () =>
      this.client.api(`/servicePrincipals/${encodeURIComponent(id)}`).get(),
    );
  }

  async servicePrincipalByAppId(appId: string): Promise<ServicePrincipal | null> {
    const page = await this.call<GraphPage<ServicePrincipal>>('servicePrincipalRead', () =>
      this.client
        .api('/servicePrincipals')
        .filter(`appId eq ${quote(appId)}`)
        .get(),
    );
    return page.value[0] ?? null;
  }

  async jobs(servicePrincipalId: string): Promise<SynchronizationJob[]> {
    const page = await this.call<GraphPage<SynchronizationJob>>('synchronizationRead', () =>
      this.client.api(`${this.sync(servicePrincipalId)}/jobs`).get(),
    );
    return page.value;
  }

  job(servicePrincipalId: string, jobId: string): Promise<SynchronizationJob> {
    return this.call('synchronizationRead', () =>
      this.client.api(`${this.sync(servicePrincipalId)}/jobs/${encodeURIComponent(jobId)}`).get(),
    );
  }

  schema(servicePrincipalId: string, jobId: string): Promise<Record<string, unknown>> {
    return this.call('synchronizationRead', () =>
      this.client.api(`${this.sync(servicePrincipalId)}/jobs/${encodeURIComponent(jobId)}/schema`).get(),
    );
  }

  async secrets(servicePrincipalId: string): Promise<SecretPair[]> {
    const page = await this.call<GraphPage<SecretPair>>('synchronizationWrite', () =>
      this.client.api(`${this.sync(servicePrincipalId)}/secrets`).get(),
    );
    return page.value;
  }

  /** Re-provisions one user or group (a group with at most 5 members); returns Graph's decoded result. */
  async provisionOnDemand(
    servicePrincipalId: string,
    jobId: string,
    ruleId: string,
    subject: { objectId: string; objectTypeName: 'User' | 'Group'; memberIds?: string[] },
  ): Promise<{ key: unknown; value: unknown }> {
    const body = {
      parameters: [
        {
          ruleId,
          subjects: [
            {
              objectId: subject.objectId,
              objectTypeName: subject.objectTypeName,
              ...(subject.memberIds?.length
                ? {
                    links: {
                      members: subject.memberIds.map((objectId) => ({ objectId, objectTypeName: 'User' })),
                    },
                  }
                : {}),
            },
          ],
        },
      ],
    };
    const result = await this.call<{ key: string; value: string }>('synchronizationWrite', () =>
      this.client.api(`${this.jobPath(servicePrincipalId, jobId)}/provisionOnDemand`).post(body),
    );
    const parse = (text: string) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    };
    return { key: parse(result.key), value: parse(result.value) };
  }

  startJob(servicePrincipalId: string, jobId: string): Promise<void> {
    return this.call('synchronizationWrite', () =>
      this.client.api(`${this.jobPath(servicePrincipalId, jobId)}/start`).post({}),
    );
  }

  pauseJob(servicePrincipalId: string, jobId: string): Promise<void> {
    return this.call('synchronizationWrite', () =>
      this.client.api(`${this.jobPath(servicePrincipalId, jobId)}/pause`).post({}),
    );
  }

  restartJob(servicePrincipalId: string, jobId: string, scopes: ResetScope[]): Promise<void> {
    return this.call('synchronizationWrite', () =>
      this.client
        .api(`${this.jobPath(servicePrincipalId, jobId)}/restart`)
        .post({ criteria: { resetScope: scopes.join(', ') } }),
    );
  }

  /** "Test connection": true when the SCIM target accepts the saved credentials. */
  async validateCredentials(servicePrincipalId: string, jobId: string): Promise<boolean> {
    try {
      await this.client
        .api(`${this.jobPath(servicePrincipalId, jobId)}/validateCredentials`)
        .post({ useSavedCredentials: true });
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 400) return false;
      throw toScimWatchError(error, 'synchronizationWrite', this.kind);
    }
  }

  /** Everyone assigned to the app, all pages (Graph has no delta for assignments). */
  async assignments(servicePrincipalId: string): Promise<AppRoleAssignment[]> {
    const request = this.client
      .api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)
      .top(999);
    return this.collect<AppRoleAssignment>(
      'appRoleAssignments',
      () => request.get() as Promise<GraphPage<AppRoleAssignment>>,
    );
  }

  /** Direct members only: the ones Entra's provisioning scope includes. */
  groupMembers(groupId: string, select: string[]): Promise<DirectoryObject[]> {
    const request = this.client
      .api(`/groups/${encodeURIComponent(groupId)}/members`)
      .select(select)
      .top(999);
    return this.collect<DirectoryObject>(
      'groupMembers',
      () => request.get() as Promise<GraphPage<DirectoryObject>>,
    );
  }

  /** All nested members: only to explain why a nested user is not provisioned. */
  transitiveMembers(groupId: string, select: string[]): Promise<DirectoryObject[]> {
    const request = this.client
      .api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`)
      .select(select)
      .top(999);
    return this.collect<DirectoryObject>(
      'groupMembers',
      () => request.get() as Promise<GraphPage<DirectoryObject>>,
    );
  }

  /** Users by id, 15 per request (Graph's limit for `id in (…)`). */
  async users(ids: string[], select: string[]): Promise<DirectoryObject[]> {
    const out: DirectoryObject[] = [];
    for (let i = 0; i < ids.length; i += 15) {
      const chunk = ids.slice(i, i + 15);
      const request = this.client
        .api('/users')
        .filter(`id in (${chunk.map(quote).join(',')})`)
        .select(select);
      out.push(
        ...(await this.collect<DirectoryObject>(
          'usersRead',
          () => request.get() as Promise<GraphPage<DirectoryObject>>,
        )),
      );
    }
    return out;
  }

  /** One delta round: all pages, then the deltaLink to resume from. A 410 means start again without it. */
  async usersDelta(
    deltaLink: string | null,
    select: string[],
  ): Promise<{ items: DirectoryObject[]; deltaLink: string }> {
    const first = deltaLink ? this.client.api(deltaLink) : this.client.api('/users/delta').select(select);
    return this.deltaRound('usersDelta', () => first.get() as Promise<GraphPage<DirectoryObject>>);
  }

  async groupsDelta(
    deltaLink: string | null,
    groupIds: string[],
    select: string[],
  ): Promise<{ items: DirectoryObject[]; deltaLink: string }> {
    let first = deltaLink ? this.client.api(deltaLink) : this.client.api('/groups/delta').select(select);
    // Graph tracks at most 50 ids through a delta filter; beyond that every group is read and the
    // caller keeps the ones it wants.
    if (!deltaLink && groupIds.length && groupIds.length <= maxDeltaIdFilter)
      first = first.filter(groupIds.map((id) => `id eq ${quote(id)}`).join(' or '));
    return this.deltaRound('groupsDelta', () => first.get() as Promise<GraphPage<DirectoryObject>>);
  }

  /** Up to 20 requests in one round trip; each answer keeps its own status. */
  async batch(
    requests: { id: string; method: 'GET'; url: string }[],
  ): Promise<{ id: string; status: number; body: unknown }[]> {
    if (requests.length > 20) throw new RangeError('A Graph batch holds at most 20 requests');
    const result = await this.call<{ responses: { id: string; status: number; body: unknown }[] }>(
      'usersRead',
      () => this.client.api('/$batch').post({ requests }),
    );
    return result.responses;
  }

  private sync(servicePrincipalId: string): string {
    return `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization`;
  }

  private jobPath(servicePrincipalId: string, jobId: string): string {
    return `${this.sync(servicePrincipalId)}/jobs/${encodeURIComponent(jobId)}`;
  }

  private async call<T>(endpoint: GraphEndpoint, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toScimWatchError(error, endpoint, this.kind);
    }
  }

  private async *follow<T>(endpoint: GraphEndpoint, first: () => Promise<GraphPage<T>>): AsyncGenerator<T[]> {
    let page = await this.call(endpoint, first);
    yield page.value;
    while (page['@odata.nextLink']) {
      const next = page['@odata.nextLink'];
      page = await this.call(endpoint, () => this.client.api(next).get() as Promise<GraphPage<T>>);
      yield page.value;
    }
  }

  private async collect<T>(endpoint: GraphEndpoint, first: () => Promise<GraphPage<T>>): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.follow(endpoint, first)) all.push(...page);
    return all;
  }

  private async deltaRound(endpoint: GraphEndpoint, first: () => Promise<GraphPage<DirectoryObject>>) {
    let page = await this.call(endpoint, first);
    const items = [...page.value];
    while (page['@odata.nextLink']) {
      const next = page['@odata.nextLink'];
      page = await this.call(
        endpoint,
        () => this.client.api(next).get() as Promise<GraphPage<DirectoryObject>>,
      );
      items.push(...page.value);
    }
    const deltaLink = page['@odata.deltaLink'];
    if (!deltaLink)
      throw toScimWatchError(new Error('The delta round ended without a deltaLink'), endpoint, this.kind);
    return { items, deltaLink };
  }
}
