import type { ServerResponse } from 'node:http';

import { sendEmpty, sendJson, text, type EmulatorRequest, type Router } from '../../http-kit';
import { authorize, type GraphContext } from '../graph-context';
import { sendGraphError } from '../graph-errors';
import type { JsonObject } from '../tenant-types';

/** What a provisionOnDemand call asks for, validated. */
export interface OnDemandRequest {
  servicePrincipalId: string;
  jobId: string;
  ruleId: string;
  subject: { objectId: string; objectTypeName: 'User' | 'Group' };
  memberIds: string[];
}

/** Runs one on-demand provisioning and returns Graph's `{key, value}` pair (JSON strings). The engine plugs in here. */
export type OnDemandRunner = (
  request: OnDemandRequest,
) => Promise<{ key: string; value: string }> | { key: string; value: string };

export interface SynchronizationHooks {
  onDemand: OnDemandRunner;
  /** validateCredentials: whether the SCIM target accepts the saved token. */
  validateCredentials: (servicePrincipalId: string) => Promise<boolean> | boolean;
}

const resetScopes = new Set([
  'None',
  'ConnectorDataStore',
  'Escrows',
  'Watermark',
  'QuarantineState',
  'Full',
  'ForceDeletes',
]);

function parseJson(text: string): JsonObject | null {
  try {
    const value = JSON.parse(text || '{}') as unknown;
    return value && typeof value === 'object' ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

export function registerSynchronization(
  router: Router,
  context: GraphContext,
  hooks: SynchronizationHooks,
): void {
  const base = '/v1.0/servicePrincipals/:sp/synchronization';
  const { tenant } = context;

  const findJob = (req: EmulatorRequest, res: ServerResponse): JsonObject | null => {
    const job = tenant.job(req.params.sp ?? '', req.params.job ?? '');
    if (!job)
      sendGraphError(res, 404, 'Request_ResourceNotFound', `Resource '${req.params.job}' does not exist.`);
    return job ?? null;
  };
  const knownSp = (req: EmulatorRequest, res: ServerResponse): boolean => {
    if (tenant.servicePrincipals.has(req.params.sp ?? '')) return true;
    sendGraphError(
      res,
      404,
      'Request_ResourceNotFound',
      `Resource '${req.params.sp}' does not exist or one of its queried reference-property objects are not present.`,
    );
    return false;
  };
  const read = (req: EmulatorRequest, res: ServerResponse) =>
    knownSp(req, res) && authorize(context, req, res, 'synchronizationRead', req.params.sp);
  const write = (req: EmulatorRequest, res: ServerResponse) =>
    knownSp(req, res) && authorize(context, req, res, 'synchronizationWrite', req.params.sp);

  router
    .on('GET', `${base}/jobs`, (req, res) => {
      if (!read(req, res)) return;
      sendJson(res, 200, {
        '@odata.context': `${context.origin()}/v1.0/$metadata#synchronizationJobs`,
        value: [...(tenant.jobs.get(req.params.sp ?? '')?.values() ?? [])],
      });
    })
    .on('GET', `${base}/jobs/:job`, (req, res) => {
      if (!read(req, res)) return;
      const job = findJob(req, res);
      if (job) sendJson(res, 200, job);
    })
    .on('GET', `${base}/jobs/:job/schema`, (req, res) => {
      if (!read(req, res)) return;
      if (!findJob(req, res)) return;
      sendJson(res, 200, tenant.schemas.get(req.params.job ?? ''));
    })
    .on('GET', `${base}/secrets`, (req, res) => {
      if (!write(req, res)) return;
      sendJson(res, 200, { value: tenant.maskedSecrets(req.params.sp ?? '') });
    })
    .on('PUT', `${base}/secrets`, (req, res) => {
      if (!write(req, res)) return;
      const body = parseJson(req.body);
      const pairs = body?.value;
      if (
        !Array.isArray(pairs) ||
        !pairs.every((p: JsonObject) => typeof p.key === 'string' && typeof p.value === 'string')
      ) {
        return sendGraphError(res, 400, 'BadRequest', 'Expected { value: [{ key, value }] }.');
      }
      tenant.setSecrets(req.params.sp ?? '', pairs as { key: string; value: string }[]);
      sendEmpty(res);
    })
    .on('POST', `${base}/jobs/:job/start`, (req, res) => {
      if (!write(req, res)) return;
      const job = findJob(req, res);
      if (!job) return;
      const status = job.status as JsonObject;
      status.code = 'Active';
      status.quarantine = null;
      (job.schedule as JsonObject).state = 'Active';
      sendEmpty(res);
    })
    .on('POST', `${base}/jobs/:job/pause`, (req, res) => {
      if (!write(req, res)) return;
      const job = findJob(req, res);
      if (!job) return;
      (job.status as JsonObject).code = 'Paused';
      (job.schedule as JsonObject).state = 'Paused';
      sendEmpty(res);
    })
    .on('POST', `${base}/jobs/:job/restart`, (req, res) => {
      if (!write(req, res)) return;
      const job = findJob(req, res);
      if (!job) return;
      const body = parseJson(req.body);
      const scope = text(
        (body?.criteria as JsonObject | undefined)?.resetScope,
        'QuarantineState, Watermark, Escrows',
      );
      const flags = scope
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const unknown = flags.find((f) => !resetScopes.has(f));
      if (unknown) return sendGraphError(res, 400, 'BadRequest', `Unknown resetScope value '${unknown}'.`);
      context.tenant.restarts.push({ jobId: req.params.job ?? '', resetScope: scope });
      const status = job.status as JsonObject;
      if (flags.some((f) => f === 'QuarantineState' || f === 'Full')) status.quarantine = null;
      status.code = 'Active';
      status.countSuccessiveCompleteFailures = 0;
      sendEmpty(res);
    })
    .on('POST', `${base}/jobs/:job/validateCredentials`, async (req, res) => {
      if (!write(req, res)) return;
      if (!findJob(req, res)) return;
      if (await hooks.validateCredentials(req.params.sp ?? '')) return sendEmpty(res);
      sendGraphError(
        res,
        400,
        'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
        'The target rejected the saved credentials.',
      );
    })
    .on('POST', `${base}/jobs/:job/provisionOnDemand`, async (req, res) => {
      const grant = write(req, res);
      if (!grant) return;
      if (!findJob(req, res)) return;
      const throttled = context.onDemandLimiter.take(grant.appId);
      if (!throttled.allowed) {
        return sendGraphError(res, 429, 'TooManyRequests', 'Too many requests.', {
          'retry-after': String(throttled.retryAfterSeconds),
        });
      }
      const parsed = parseOnDemand(context, req);
      if ('error' in parsed) return sendGraphError(res, 400, 'BadRequest', parsed.error);
      const result = await hooks.onDemand(parsed);
      sendJson(res, 200, {
        '@odata.context': `${context.origin()}/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair`,
        ...result,
      });
    });
}

/** Checks a provisionOnDemand body the way Graph does: one rule, one subject, a group with at most 5 members. */
function parseOnDemand(context: GraphContext, req: EmulatorRequest): OnDemandRequest | { error: string } {
  const body = parseJson(req.body);
  const parameters = body?.parameters as JsonObject[] | undefined;
  if (!Array.isArray(parameters) || parameters.length !== 1)
    return { error: 'Exactly one entry in parameters is expected.' };
  const [parameter] = parameters as [JsonObject];
  const ruleId = text(parameter.ruleId);
  const rules =
    (context.tenant.schemas.get(req.params.job ?? '')?.synchronizationRules as JsonObject[] | undefined) ??
    [];
  if (!rules.some((r) => r.id === ruleId))
    return { error: `The ruleId '${ruleId}' does not exist in the job's schema.` };
  const subjects = parameter.subjects as JsonObject[] | undefined;
  if (!Array.isArray(subjects) || subjects.length !== 1)
    return { error: 'Provision one subject per request.' };
  const [subject] = subjects as [JsonObject];
  const objectTypeName = subject.objectTypeName;
  if (objectTypeName !== 'User' && objectTypeName !== 'Group')
    return { error: 'objectTypeName must be User or Group.' };
  const members = ((subject.links as JsonObject | undefined)?.members as JsonObject[] | undefined) ?? [];
  if (objectTypeName === 'Group' && members.length > 5)
    return { error: 'At most 5 group members can be provisioned on demand.' };
  return {
    servicePrincipalId: req.params.sp ?? '',
    jobId: req.params.job ?? '',
    ruleId,
    subject: { objectId: text(subject.objectId), objectTypeName },
    memberIds: members.map((m) => text(m.objectId)),
  };
}
