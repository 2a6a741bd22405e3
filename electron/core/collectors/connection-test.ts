import { randomUUID } from 'node:crypto';

import { ScimWatchError, type ConnectionCheck, type ConnectionReport } from '../../../shared/contract';
import type { CoreContext } from '../context';
import type { EntraGraph } from '../entra/graph-api';
import { isoNow, type CollectContext } from './collect-context';
import { openConnections, type CollectorRuntime, type Connections } from './connections';
import { resolveTarget, type EntraTarget } from './entra-target';

async function probe(id: string, label: string, run: () => Promise<string>): Promise<ConnectionCheck> {
  try {
    return { id, label, ok: true, detail: await run() };
  } catch (error) {
    if (error instanceof ScimWatchError)
      return { id, label, ok: false, detail: error.message, hint: error.hint };
    return { id, label, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

const notConfigured = (id: string, label: string, why: string): ConnectionCheck => ({
  id,
  label,
  ok: false,
  detail: 'Not configured.',
  hint: why,
});

/** Every Graph endpoint the collectors call, once the provisioning app is found. */
async function graphEndpointChecks(graph: EntraGraph, target: EntraTarget): Promise<ConnectionCheck[]> {
  const { servicePrincipalId, jobId } = target;
  const checks = [
    await probe('entra.provisioningLogs', 'Provisioning logs', async () => {
      for await (const page of graph.provisioningEvents({ servicePrincipalId, top: 1, order: 'desc' }))
        return page.length
          ? `Readable; the newest entry is from ${page[0]?.activityDateTime}.`
          : 'Readable (no entries yet).';
      return 'Readable (no entries yet).';
    }),
  ];
  if (jobId) {
    checks.push(
      await probe('entra.job', 'Job status and schema', async () => {
        const job = await graph.job(servicePrincipalId, jobId);
        await graph.schema(servicePrincipalId, jobId);
        return `Readable; the job is ${job.status.code}.`;
      }),
      await probe('entra.secrets', 'Provisioning settings (tenant URL, scope)', async () => {
        const pairs = await graph.secrets(servicePrincipalId);
        return `Readable (${pairs.length} settings).`;
      }),
    );
  }
  checks.push(
    await probe('entra.assignments', 'App assignments', async () => {
      const assignments = await graph.assignments(servicePrincipalId);
      const group = assignments.find((a) => a.principalType === 'Group');
      if (group) await graph.groupMembers(group.principalId, ['id']);
      return `Readable (${assignments.length} assignments${group ? ', group members too' : ''}).`;
    }),
    await probe('entra.users', 'Users and groups (delta)', async () => {
      await graph.usersDelta(null, ['id']);
      return 'Readable.';
    }),
  );
  return checks;
}

/** Entra's side: the token, the provisioning app, then each endpoint. */
async function entraChecks(connections: Connections, context: CollectContext): Promise<ConnectionCheck[]> {
  const { graph, credential, settings } = connections;
  if (!graph || !credential)
    return [notConfigured('entra.token', 'Sign-in to Microsoft Graph', connections.missing.entra ?? '')];
  const checks = [
    await probe('entra.token', 'Sign-in to Microsoft Graph', async () => {
      const token = await credential.getToken(connections.graphScope);
      if (!token) throw new Error('The identity platform returned no token.');
      return `Signed in; the token is valid until ${new Date(token.expiresOnTimestamp).toISOString()}.`;
    }),
  ];
  let target: EntraTarget | null = null;
  checks.push(
    await probe('entra.servicePrincipal', 'The provisioning app and its job', async () => {
      target = await resolveTarget(graph, settings, context);
      return target.jobId
        ? `Found "${target.displayName}" with job ${target.jobId}.`
        : `Found "${target.displayName}", but it has no provisioning job yet.`;
    }),
  );
  const resolved = target as EntraTarget | null;
  if (resolved) checks.push(...(await graphEndpointChecks(graph, resolved)));
  return checks;
}

/** Pulumi's side: the SCIM token with the request Entra's Test Connection sends, and the optional REST token. */
async function pulumiChecks(connections: Connections): Promise<ConnectionCheck[]> {
  const { scim, rest } = connections;
  const checks: ConnectionCheck[] = [];
  if (!scim) checks.push(notConfigured('pulumi.scim', 'Pulumi SCIM token', connections.missing.pulumi ?? ''));
  else {
    checks.push(
      await probe('pulumi.scim', 'Pulumi SCIM token', async () => {
        // The request Entra's Test Connection sends: a userName filter that matches nobody.
        await scim.findUser(`scimwatch-connection-test-${randomUUID()}`);
        return 'Accepted by Pulumi’s SCIM service.';
      }),
    );
  }
  if (rest) {
    checks.push(
      await probe('pulumi.rest', 'Pulumi access token (REST API)', async () => {
        const org = await rest.organization();
        return `Accepted; organization "${org.name}".`;
      }),
    );
  }
  return checks;
}

/**
 * Real probes, one per thing ScimWatch relies on: the Graph token, each Graph endpoint the collectors
 * call (a 403 names the permission from the shared table; a tenant without P1/P2 is told apart from a
 * missing permission), Pulumi's SCIM token with the request Entra's "Test Connection" sends (a filter
 * on a userName nobody has), and the optional REST token.
 */
export async function testConnection(
  handler: CoreContext,
  runtime: CollectorRuntime,
): Promise<ConnectionReport> {
  const connections = await openConnections(handler, runtime);
  const context: CollectContext = {
    db: handler.db,
    clock: runtime.clock,
    log: handler.log,
    emit: (event, payload) => handler.emit(event, payload),
  };
  const entra = await entraChecks(connections, context);
  const pulumi = await pulumiChecks(connections);
  return { entra, pulumi, testedAt: isoNow(runtime.clock) };
}
