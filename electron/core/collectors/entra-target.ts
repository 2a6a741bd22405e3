import { ScimWatchError, type Settings } from '../../../shared/contract';
import type { EntraGraph } from '../entra/graph-api';
import { saveDocument } from '../store/source-documents-repo';
import { isoNow, type CollectContext } from './collect-context';

/** The provisioning app ScimWatch watches: its service principal and synchronization job. */
export interface EntraTarget {
  servicePrincipalId: string;
  displayName: string;
  jobId: string | null;
}

/**
 * Resolves the service principal (by object id, or by the provisioning app's appId) and its job:
 * the configured job id, else the only job, else the first whose template is the generic SCIM one.
 */
export async function resolveTarget(
  graph: EntraGraph,
  settings: Partial<Settings>,
  context: CollectContext,
): Promise<EntraTarget> {
  const principal = settings.servicePrincipalId
    ? await graph.servicePrincipal(settings.servicePrincipalId)
    : settings.provisioningAppId
      ? await graph.servicePrincipalByAppId(settings.provisioningAppId)
      : null;
  if (!principal) {
    throw new ScimWatchError(
      'source_error',
      'Entra has no service principal for the configured provisioning app.',
      'Check the service principal id (Enterprise applications → the Pulumi app → Object ID).',
    );
  }
  const jobs = await graph.jobs(principal.id);
  const job =
    jobs.find((j) => j.id === settings.jobId) ??
    (jobs.length === 1 ? jobs[0] : jobs.find((j) => /scim/i.test(j.templateId)));
  const target = {
    servicePrincipalId: principal.id,
    displayName: principal.displayName,
    jobId: job?.id ?? null,
  };
  saveDocument(context.db, 'entra.target', target, isoNow(context.clock));
  return target;
}
