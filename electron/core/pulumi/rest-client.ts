import type * as z from 'zod';

import { ScimWatchError } from '../../../shared/contract';
import type { RequestStats } from '../transport/request-stats';
import type { HostBoundClient } from '../transport/host-bound-client';
import type { TransportFactory } from '../transport/transport-factory';
import { readJson, transientAnswer, unreachable } from './pulumi-errors';
import { readWithRetries } from './read-with-retries';
import {
  auditPageSchema,
  membersPageSchema,
  organizationSchema,
  samlAdminsSchema,
  samlSchema,
  teamSchema,
  teamsSchema,
  type AuditLogEvent,
  type OrganizationMember,
  type PulumiTeamInfo,
} from './rest-types';

export interface RestClientInput {
  /** https://api.pulumi.com, or a self-hosted API host. */
  apiUrl: string;
  org: string;
  /** A Pulumi access token (personal, team or organization). */
  token: string;
  transport: TransportFactory;
}

/** Pulumi's REST API, for what SCIM does not show: team kinds, roles, org features, SAML, audit log. */
export class PulumiRestClient {
  private readonly http: HostBoundClient;
  private readonly stats: RequestStats;
  private readonly org: string;

  constructor(input: RestClientInput) {
    this.org = encodeURIComponent(input.org);
    this.http = input.transport.boundClient(input.apiUrl, () => `token ${input.token}`);
    this.stats = input.transport.stats;
  }

  /** Every member, following continuationToken. `backend` also lists SAML-backed members. */
  async members(type: 'frontend' | 'backend' = 'backend'): Promise<OrganizationMember[]> {
    const members: OrganizationMember[] = [];
    let token: string | null | undefined;
    do {
      const query = new URLSearchParams({ type, ...(token ? { continuationToken: token } : {}) });
      const page = await this.get(
        `/api/orgs/${this.org}/members?${query.toString()}`,
        membersPageSchema,
        'the member list',
      );
      members.push(...page.members);
      token = page.continuationToken;
    } while (token);
    return members;
  }

  async teams(): Promise<PulumiTeamInfo[]> {
    return (await this.get(`/api/orgs/${this.org}/teams`, teamsSchema, 'the team list')).teams;
  }

  /** One team with its members (the list call may leave members out). */
  team(name: string): Promise<PulumiTeamInfo> {
    return this.get(`/api/orgs/${this.org}/teams/${encodeURIComponent(name)}`, teamSchema, `team ${name}`);
  }

  organization() {
    return this.get(`/api/orgs/${this.org}`, organizationSchema, 'the organization');
  }

  saml() {
    return this.get(`/api/orgs/${this.org}/saml`, samlSchema, 'the SAML configuration');
  }

  async samlAdmins() {
    return (await this.get(`/api/orgs/${this.org}/saml/admins`, samlAdminsSchema, 'the SAML admins')).admins;
  }

  /** Audit events between two times (unix seconds), all pages. Pulumi rate-limits this: poll sparingly. */
  async auditLog(startTime: number, endTime: number): Promise<AuditLogEvent[]> {
    const events: AuditLogEvent[] = [];
    let token: string | null | undefined;
    do {
      const query = new URLSearchParams({
        startTime: String(startTime),
        endTime: String(endTime),
        ...(token ? { continuationToken: token } : {}),
      });
      const page = await this.get(
        `/api/orgs/${this.org}/auditlogs/v2?${query.toString()}`,
        auditPageSchema,
        'the audit log',
      );
      events.push(...page.auditLogEvents);
      token = page.continuationToken;
    } while (token);
    return events;
  }

  /** Reads are idempotent: a transient failure is asked again (see readWithRetries). */
  private get<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
    return readWithRetries(this.stats, () => this.getOnce(path, schema, what));
  }

  private async getOnce<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
    let response: Response;
    try {
      response = await this.http.request(path, { headers: { accept: 'application/vnd.pulumi+8' } });
    } catch (error) {
      throw unreachable(what, error);
    }
    if (response.status === 401) {
      throw new ScimWatchError(
        'unauthorized',
        'Pulumi did not accept the access token.',
        'Create a new Pulumi access token and enter it in Settings (SCIMWATCH_PULUMI_ACCESS_TOKEN).',
      );
    }
    if (response.status === 403) {
      throw new ScimWatchError(
        'forbidden',
        `Pulumi refused access to ${what}.`,
        'Use a token of an organization admin (audit logs and SAML settings are admin-only).',
      );
    }
    const transient = transientAnswer(response, what);
    if (transient) throw transient;
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new ScimWatchError(
        'source_error',
        `Pulumi answered ${response.status} for ${what}: ${text.slice(0, 200)}`,
        'ScimWatch retries on the next poll.',
      );
    }
    return readJson(response, schema, what);
  }
}
