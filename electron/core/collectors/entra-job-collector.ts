import { insertSnapshot, latestSnapshot, type SnapshotTable } from '../store/configuration-snapshots-repo';
import { createHash } from 'node:crypto';

import type { EntraGraph } from '../entra/graph-api';
import type { SynchronizationJob } from '../entra/graph-types';
import { isoNow, type CollectContext } from './collect-context';
import type { EntraTarget } from './entra-target';

export type JobStatusCode = 'Active' | 'Paused' | 'Quarantine' | 'NotRun' | 'NotConfigured';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Top-level keys whose values differ, as the snapshot's diff (which parts of the document changed). */
function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
  if (!isObject(before) || !isObject(after) || path.split('.').length > 6) return [path || '(root)'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
}

/** Stores a new snapshot only when the document changed; the diff names what changed since the last. */
function snapshot(context: CollectContext, table: SnapshotTable, jobId: string, body: unknown): boolean {
  const text = JSON.stringify(body);
  const digest = hash(text);
  const last = latestSnapshot(context.db, table, jobId);
  if (last?.hash === digest) return false;
  const diff = last ? JSON.stringify(changedPaths(JSON.parse(last.body), body)) : null;
  insertSnapshot(context.db, table, {
    jobId,
    takenAt: isoNow(context.clock),
    hash: digest,
    body: text,
    diff,
  });
  return true;
}

/** The job's status code as ScimWatch reports it (NotConfigured when there is no job at all). */
export function jobStatusCode(job: SynchronizationJob | null): JobStatusCode {
  const code = job?.status.code;
  if (!job) return 'NotConfigured';
  return code === 'Active' || code === 'Paused' || code === 'Quarantine' || code === 'NotRun'
    ? code
    : 'NotRun';
}

/**
 * Job status, kept as a history of changes: a row only when the status differs from the last one
 * (code, quarantine, or the last execution), so quarantine spells and trends can be drawn.
 */
export async function collectJobStatus(
  graph: EntraGraph,
  target: EntraTarget,
  context: CollectContext,
): Promise<SynchronizationJob | null> {
  if (!target.jobId) return null;
  const job = await graph.job(target.servicePrincipalId, target.jobId);
  const state = JSON.stringify({ status: job.status, schedule: job.schedule });
  const last = context.db
    .prepare('SELECT state FROM job_status_changes WHERE job_id = ? ORDER BY id DESC LIMIT 1')
    .get(job.id) as { state: string } | undefined;
  if (last?.state !== state) {
    context.db
      .prepare(
        'INSERT INTO job_status_changes (job_id, observed_at, status_code, quarantined, state) VALUES (?, ?, ?, ?, ?)',
      )
      .run(job.id, isoNow(context.clock), job.status.code, job.status.code === 'Quarantine' ? 1 : 0, state);
  }
  return job;
}

/** Schema and secrets (BaseAddress, SyncAll, SkipOutOfScopeDeletions; the token comes back masked). */
export async function collectConfiguration(
  graph: EntraGraph,
  target: EntraTarget,
  context: CollectContext,
): Promise<{ schemaChanged: boolean; secretsChanged: boolean }> {
  if (!target.jobId) return { schemaChanged: false, secretsChanged: false };
  const [schema, secrets] = await Promise.all([
    graph.schema(target.servicePrincipalId, target.jobId),
    graph.secrets(target.servicePrincipalId),
  ]);
  // Graph masks credential values; keep only what it returns, and never a value for SecretToken.
  const masked = secrets.map((pair) =>
    /token|password|secret/i.test(pair.key) ? { key: pair.key, value: '(masked)' } : pair,
  );
  return context.db.transaction(() => ({
    schemaChanged: snapshot(context, 'schema_snapshots', target.jobId ?? '', schema),
    secretsChanged: snapshot(context, 'secret_snapshots', target.jobId ?? '', masked),
  }))();
}
