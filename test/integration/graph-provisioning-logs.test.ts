import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ProvisioningEntry } from '../../electron/core/entra/graph-types';
import { Budgets } from '../../electron/core/time/budget';
import { systemClock } from '../../electron/core/time/clock';
import { seededRandom } from '../../electron/emulators/faults';
import { buildLogEntry, type LogEntryInput } from '../../electron/emulators/graph/log-entry';
import { startGraphWorld, type GraphWorld } from '../helpers/graph';
import { makeTempDir } from '../helpers/temp-dir';

const statuses = ['success', 'failure', 'skipped', 'warning'] as const;
/** The log spans ten hours from a day before now, as a tenant's recent log would. */
const logStart = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;

/** A seeded log over two provisioning apps and two jobs, with many entries sharing a timestamp. */
function generateLog(
  world: GraphWorld,
  seed: number,
  count: number,
  otherSp: { id: string; appId: string },
): LogEntryInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, () => {
    const sp = random() < 0.8 ? { id: world.servicePrincipalId, appId: world.provisioningAppId } : otherSp;
    return {
      tenantId: world.emulator.tenant.tenantId,
      jobId: pick([world.jobId, 'scim.other.job']),
      servicePrincipal: { ...sp, displayName: 'Pulumi Cloud' },
      // Whole minutes only, so ties on activityDateTime are common and the tie-breaker matters.
      activityDateTime: new Date(logStart + Math.floor(random() * 600) * 60_000)
        .toISOString()
        .replace('.000Z', 'Z'),
      cycleId: randomUUID(),
      action: pick(['create', 'update', 'disable'] as const),
      status: pick(statuses),
      identityType: pick(['User', 'Group'] as const),
      source: { id: pick(['u1', 'u2', 'u3', 'g1']), displayName: 'someone' },
      target: { id: pick(['s1', 's2', '']), displayName: 'someone' },
    };
  });
}

/** The reference: the same question answered by plain array operations over the generated log. */
function reference(
  log: ProvisioningEntry[],
  query: { sp: string; after?: string; status?: string; jobId?: string; order: 'asc' | 'desc' },
): string[] {
  const key = (e: ProvisioningEntry) =>
    `${new Date(e.activityDateTime).getTime().toString().padStart(15, '0')}|${e.id}`;
  return log
    .filter((e) => e.servicePrincipal.id === query.sp)
    .filter((e) => !query.after || new Date(e.activityDateTime) > new Date(query.after))
    .filter((e) => !query.status || e.provisioningStatusInfo.status === query.status)
    .filter((e) => !query.jobId || e.jobId === query.jobId)
    .sort((a, b) => (key(a) < key(b) ? -1 : 1) * (query.order === 'asc' ? 1 : -1))
    .map((e) => e.id);
}

describe('provisioning logs through the app’s Graph client', () => {
  const dir = makeTempDir();
  let world: GraphWorld;
  let log: ProvisioningEntry[];

  beforeAll(async () => {
    // The reports limit scaled down: 5 requests per 200 ms instead of per 10 s.
    world = await startGraphWorld(dir.path, {
      reportsBudget: { count: 5, windowMs: 200 },
      graph: { logsTopDefault: 7, logsTopMax: 50 },
    });
    const other = { id: randomUUID(), appId: randomUUID() };
    for (const input of generateLog(world, 42, 400, other))
      world.emulator.tenant.log.add(buildLogEntry(input));
    log = world.emulator.tenant.log.all() as unknown as ProvisioningEntry[];
  });
  afterAll(async () => {
    await world.emulator.close();
    dir.remove();
  });

  const budgets = () => {
    const b = new Budgets(systemClock);
    b.get('graph.reports', { count: 5, windowMs: 220 });
    return b;
  };

  it('answers $filter / $orderby / $top exactly as an independent reference filter', async () => {
    const random = seededRandom(7);
    const graph = world.graph(undefined, budgets());
    for (let i = 0; i < 12; i++) {
      const query = {
        sp: world.servicePrincipalId,
        order: random() < 0.5 ? ('asc' as const) : ('desc' as const),
        ...(random() < 0.6
          ? { after: new Date(logStart + Math.floor(random() * 600) * 60_000).toISOString() }
          : {}),
        ...(random() < 0.5 ? { status: statuses[Math.floor(random() * 4)] } : {}),
        ...(random() < 0.3 ? { jobId: world.jobId } : {}),
      };
      const top = [undefined, 1, 13, 50, 5000][Math.floor(random() * 5)];
      const ids: string[] = [];
      for await (const page of graph.provisioningEvents({
        servicePrincipalId: query.sp,
        order: query.order,
        ...(query.after ? { after: query.after } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.jobId ? { jobId: query.jobId } : {}),
        ...(top ? { top } : {}),
      })) {
        expect(page.length).toBeLessThanOrEqual(Math.min(top ?? 7, 50));
        ids.push(...page.map((e) => e.id));
      }
      expect(ids, JSON.stringify({ query, top })).toEqual(reference(log, query));
    }
  });

  it('pages every entry exactly once while new entries keep arriving', async () => {
    const graph = world.graph(undefined, budgets());
    const before = reference(log, { sp: world.servicePrincipalId, order: 'asc' });
    const seen: string[] = [];
    let pages = 0;
    for await (const page of graph.provisioningEvents({
      servicePrincipalId: world.servicePrincipalId,
      order: 'asc',
      top: 25,
    })) {
      seen.push(...page.map((e) => e.id));
      pages++;
      // Entries land while we page: some newer than everything, some in the middle of what is left.
      for (const input of generateLog(world, 100 + pages, 3, {
        id: world.servicePrincipalId,
        appId: world.provisioningAppId,
      })) {
        world.emulator.tenant.log.add(
          buildLogEntry({
            ...input,
            servicePrincipal: {
              id: world.servicePrincipalId,
              appId: world.provisioningAppId,
              displayName: 'Pulumi Cloud',
            },
          }),
        );
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });

  it('throttles a raw caller at 5 requests per window with 429, Retry-After and a Graph error body', async () => {
    const token = await world.credential('secret').getToken(`${world.emulator.origin}/.default`);
    const url = `${world.emulator.origin}/v1.0/auditLogs/provisioning?$filter=${encodeURIComponent(`servicePrincipal/id eq '${world.servicePrincipalId}'`)}`;
    await new Promise((r) => setTimeout(r, 250));
    const statuses: number[] = [];
    let throttled: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const response = await world.transport.fetch(url, {
        headers: { authorization: `Bearer ${token?.token}` },
      });
      statuses.push(response.status);
      if (response.status === 429) throttled = response;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(throttled?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await throttled?.json()).toMatchObject({
      error: { code: 'TooManyRequests', innerError: { 'request-id': expect.any(String) } },
    });
  });

  it('paces the app’s own calls within the budget, so it is never throttled', async () => {
    await new Promise((r) => setTimeout(r, 250));
    const graph = world.graph(undefined, budgets());
    const rejectedBefore = world.emulator.context.reportsLimiter.rejected;
    const started = Date.now();
    let pages = 0;
    for await (const page of graph.provisioningEvents({
      servicePrincipalId: world.servicePrincipalId,
      top: 10,
    })) {
      expect(Array.isArray(page)).toBe(true);
      pages++;
      if (pages === 15) break;
    }
    // 15 requests at 5 per 220 ms need at least two waits, and the emulator refused none of them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(world.emulator.context.reportsLimiter.rejected).toBe(rejectedBefore);
  });

  it('answers a tenant without Entra ID P1/P2 with the licence error, explained', async () => {
    world.emulator.tenant.licensed = false;
    try {
      const graph = world.graph();
      await expect(
        graph.provisioningEvents({ servicePrincipalId: world.servicePrincipalId }).next(),
      ).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('P1 or P2'),
      });
    } finally {
      world.emulator.tenant.licensed = true;
    }
  });

  it('rejects an invalid filter with 400', async () => {
    const token = await world.credential('secret').getToken(`${world.emulator.origin}/.default`);
    await new Promise((r) => setTimeout(r, 250));
    const response = await world.transport.fetch(
      `${world.emulator.origin}/v1.0/auditLogs/provisioning?$filter=${encodeURIComponent('tenantId ne 1')}`,
      {
        headers: { authorization: `Bearer ${token?.token}` },
      },
    );
    expect(response.status).toBe(400);
  });
});
