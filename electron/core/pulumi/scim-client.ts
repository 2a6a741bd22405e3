import type * as z from 'zod';

import type { HostBoundClient } from '../transport/host-bound-client';
import type { TransportFactory } from '../transport/transport-factory';
import { parseScimError, readJson, transientAnswer, unreachable } from './pulumi-errors';
import { readWithRetries } from './read-with-retries';
import {
  listResponseSchema,
  scimGroupSchema,
  scimUserSchema,
  type ScimGroup,
  type ScimUser,
} from './scim-types';

/** Pulumi pages users by at most 100. */
const pageSize = 100;

export interface ScimClientInput {
  /** The org's SCIM base, e.g. https://api.pulumi.com/scim/v2/acme. */
  baseUrl: string;
  token: string;
  transport: TransportFactory;
  /** Pages fetched at once when listing users. */
  concurrency?: number;
}

const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Reads Pulumi's SCIM service as Entra sees it: users and groups (teams). Read-only. */
export class PulumiScimClient {
  private readonly http: HostBoundClient;
  private readonly base: string;

  constructor(private readonly input: ScimClientInput) {
    this.base = input.baseUrl.replace(/\/+$/, '');
    // The token goes only to this origin, and only over HTTPS (plain HTTP only to loopback).
    this.http = input.transport.boundClient(this.base, () => `Bearer ${input.token}`);
  }

  /** Every user, 100 per page, pages after the first fetched `concurrency` at a time. */
  async listUsers(): Promise<ScimUser[]> {
    const first = await this.usersPage(1);
    const users = [...first.Resources];
    const starts: number[] = [];
    for (let start = 1 + pageSize; start <= first.totalResults; start += pageSize) starts.push(start);
    const concurrency = Math.max(1, this.input.concurrency ?? 4);
    for (let i = 0; i < starts.length; i += concurrency) {
      const pages = await Promise.all(starts.slice(i, i + concurrency).map((start) => this.usersPage(start)));
      for (const page of pages) users.push(...page.Resources);
    }
    // Users created while paging shift later pages; de-duplicate by id rather than trust offsets.
    return [...new Map(users.map((u) => [u.id, u])).values()];
  }

  async findUser(userName: string): Promise<ScimUser | null> {
    const page = await this.get(
      `/Users?filter=${encodeURIComponent(`userName eq ${quoted(userName)}`)}`,
      listResponseSchema(scimUserSchema),
      'a user search',
    );
    return page.Resources[0] ?? null;
  }

  getUser(id: string): Promise<ScimUser> {
    return this.get(`/Users/${encodeURIComponent(id)}`, scimUserSchema, `user ${id}`);
  }

  /** Every team, with members (Pulumi does not page groups). Console and GitHub teams are included. */
  async listGroups(): Promise<ScimGroup[]> {
    return (await this.get('/Groups', listResponseSchema(scimGroupSchema), 'the group list')).Resources;
  }

  async findGroups(displayName: string): Promise<ScimGroup[]> {
    const query = `filter=${encodeURIComponent(`displayName eq ${quoted(displayName)}`)}&excludedAttributes=members`;
    return (await this.get(`/Groups?${query}`, listResponseSchema(scimGroupSchema), 'a group search'))
      .Resources;
  }

  getGroup(id: string): Promise<ScimGroup> {
    return this.get(`/Groups/${encodeURIComponent(id)}`, scimGroupSchema, `group ${id}`);
  }

  private usersPage(startIndex: number) {
    return this.get(
      `/Users?startIndex=${startIndex}&count=${pageSize}`,
      listResponseSchema(scimUserSchema),
      'the user list',
    );
  }

  /** Reads are idempotent: a transient failure is asked again (see readWithRetries). */
  private get<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
    return readWithRetries(this.input.transport.stats, () => this.getOnce(path, schema, what));
  }

  private async getOnce<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
    let response: Response;
    try {
      response = await this.http.request(`${this.base}${path}`, {
        headers: { accept: 'application/scim+json' },
      });
    } catch (error) {
      throw unreachable(what, error);
    }
    const transient = transientAnswer(response, what);
    if (transient) throw transient;
    if (!response.ok) {
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        // an error without a SCIM body: the status is all there is
      }
      throw parseScimError(response.status, body);
    }
    return readJson(response, schema, what);
  }
}
