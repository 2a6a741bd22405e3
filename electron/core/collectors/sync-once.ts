import { ScimWatchError, type SyncSummary } from '../../../shared/contract';
import type { HandlerContext } from '../handlers/context';
import { buildStatus } from '../handlers/status';
import { isoNow, type CollectContext } from './collect-context';
import { openConnections, type CollectorRuntime } from './connections';
import { collectDirectory } from './entra-directory-collector';
import { collectConfiguration, collectJobStatus, jobStatusCode } from './entra-job-collector';
import { resolveTarget } from './entra-target';
import { PollState, type PollSource } from './poll-state';
import { collectProvisioningEvents } from './provisioning-events-collector';
import { collectPulumiRest, collectPulumiScim } from './pulumi-collector';

/** Turns anything a collector threw into an entry a person can act on (never a stack, never a token). */
function describe(error: unknown): { code: string; message: string; hint?: string } {
  if (error instanceof ScimWatchError) return { code: error.code, message: error.message, hint: error.hint };
  return { code: 'source_error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Every collector once, in an order where each can use the last: the target first (service principal
 * and job), then logs, job, configuration and directory on the Entra side; SCIM and REST on Pulumi's.
 * A failing source is recorded and the others still run.
 */
export async function syncOnce(handler: HandlerContext, runtime: CollectorRuntime): Promise<SyncSummary> {
  const context: CollectContext = {
    db: handler.db,
    clock: runtime.clock,
    log: handler.log,
    emit: (event, payload) => handler.emit(event, payload),
  };
  const state = new PollState(handler.db);
  const startedAt = isoNow(runtime.clock);
  const connections = await openConnections(handler, runtime);
  const summary: SyncSummary = {
    provisioningEvents: { ingested: 0, total: 0 },
    entra: { users: 0, groups: 0, assignments: 0 },
    pulumi: { users: 0, groups: 0, teams: null },
    job: { status: 'NotConfigured' },
    errors: [],
    startedAt,
    finishedAt: startedAt,
  };
  const attempt = async <T>(source: PollSource, side: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      const result = await run();
      state.succeeded(source, isoNow(runtime.clock));
      return result;
    } catch (error) {
      const described = describe(error);
      state.failed(source, isoNow(runtime.clock), described.message);
      summary.errors.push({ source: side, ...described });
      handler.log.warn(`${source} failed`, { code: described.code, message: described.message });
      return null;
    }
  };

  const { graph, scim, rest, settings } = connections;
  if (!graph)
    summary.errors.push({
      source: 'entra',
      code: 'not_configured',
      message: connections.missing.entra ?? '',
    });
  if (graph) {
    const target = await attempt('entra.job', 'entra', () => resolveTarget(graph, settings, context));
    if (target) {
      const events = await attempt('entra.provisioningEvents', 'entra.provisioningEvents', () =>
        collectProvisioningEvents(
          graph,
          target,
          {
            overlapMinutes: settings.logsOverlapMinutes ?? 20,
            backfillDays: settings.backfillDays ?? 30,
            pageSize: settings.logsPageSize,
          },
          context,
        ),
      );
      if (events) summary.provisioningEvents = events;
      const job = await attempt('entra.job', 'entra.job', () => collectJobStatus(graph, target, context));
      summary.job.status = jobStatusCode(job);
      await attempt('entra.configuration', 'entra.configuration', () =>
        collectConfiguration(graph, target, context),
      );
      const directory = await attempt('entra.directory', 'entra.directory', () =>
        collectDirectory(graph, target, context),
      );
      if (directory) summary.entra = directory;
    }
  }
  if (!scim)
    summary.errors.push({
      source: 'pulumi',
      code: 'not_configured',
      message: connections.missing.pulumi ?? '',
    });
  if (scim) {
    const result = await attempt('pulumi.scim', 'pulumi.scim', () => collectPulumiScim(scim, context));
    if (result) summary.pulumi = { ...summary.pulumi, ...result };
  }
  if (rest) {
    const result = await attempt('pulumi.rest', 'pulumi.rest', () => collectPulumiRest(rest, context));
    if (result) summary.pulumi.teams = result.teams;
  }
  if (!summary.provisioningEvents.total)
    summary.provisioningEvents.total = (
      handler.db.prepare('SELECT count(*) AS n FROM provisioning_events').get() as { n: number }
    ).n;
  summary.finishedAt = isoNow(runtime.clock);
  handler.emit('status.changed', await buildStatus(handler));
  return summary;
}
