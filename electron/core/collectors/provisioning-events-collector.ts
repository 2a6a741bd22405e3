import type { EntraGraph } from '../entra/graph-api';
import type { ProvisioningEntry } from '../entra/graph-types';
import { ObjectKeys } from '../store/object-keys';
import { ProvisioningEventsRepo, type ProvisioningEventRecord } from '../store/provisioning-events-repo';
import { classifyCause } from '../provisioning/classify-cause';
import { isoNow, type CollectContext } from './collect-context';
import { crashPoint } from './crash-points';
import type { EntraTarget } from './entra-target';
import { PollState } from '../store/poll-state-repo';

export interface EventsOptions {
  overlapMinutes: number;
  backfillDays: number;
  pageSize: number | undefined;
}

export interface EventsResult {
  ingested: number;
  total: number;
}

const source = 'entra.provisioningEvents';

/** What the store knows of a failed object, for the classifier: an Entra user with no mail. */
type KnownObject = (entry: ProvisioningEntry) => { userWithoutMail?: boolean } | undefined;

function toRecord(entry: ProvisioningEntry, ingestedAt: string, known: KnownObject): ProvisioningEventRecord {
  const info = entry.provisioningStatusInfo;
  const failed = info.status === 'failure';
  return {
    id: entry.id,
    // UTC as ISO text, always: buckets and ranges compare the stored text.
    activityDateTime: entry.activityDateTime.endsWith('Z')
      ? entry.activityDateTime
      : new Date(entry.activityDateTime).toISOString(),
    status: info.status,
    action: entry.provisioningAction,
    identityType: entry.sourceIdentity.identityType || entry.targetIdentity.identityType,
    sourceId: entry.sourceIdentity.id || null,
    sourceDisplayName: entry.sourceIdentity.displayName || null,
    targetId: entry.targetIdentity.id || null,
    targetDisplayName: entry.targetIdentity.displayName || null,
    errorCode: info.errorInformation?.errorCode ?? null,
    // Classified once, at ingest: charts over all history then need no backfill.
    cause: failed
      ? classifyCause({
          errorCode: info.errorInformation?.errorCode ?? null,
          reason: info.errorInformation?.reason ?? null,
          action: entry.provisioningAction,
          known: known(entry),
        })
      : null,
    cycleId: entry.cycleId || null,
    jobId: entry.jobId || null,
    changeId: entry.changeId || null,
    raw: JSON.stringify(entry),
    ingestedAt,
  };
}

/**
 * Reads the provisioning log from (watermark − overlap), oldest first, following every nextLink.
 * Each page commits in one transaction with the watermark it reaches, so a crash at any point loses
 * nothing and repeats at most one page plus the overlap (de-duplicated by id). The watermark is the
 * largest server time committed, never the local clock.
 */
export async function collectProvisioningEvents(
  graph: EntraGraph,
  target: EntraTarget,
  options: EventsOptions,
  context: CollectContext,
): Promise<EventsResult> {
  const { db, clock } = context;
  const state = new PollState(db);
  const repo = new ProvisioningEventsRepo(db);
  const watermark = state.get(source)?.watermark ?? null;
  const backfilling = watermark === null;
  const from = watermark
    ? Date.parse(watermark) - options.overlapMinutes * 60_000
    : clock.now() - options.backfillDays * 86_400_000;
  const keys = new ObjectKeys(db);
  const link = db.prepare(
    `INSERT INTO identity_links (object_type, entra_id, scim_id, entra_key, scim_key, learned_from, learned_at)
     VALUES (?, ?, ?, ?, ?, 'provisioning_log', ?)
     ON CONFLICT (object_type, entra_id) DO UPDATE SET scim_id = excluded.scim_id,
       scim_key = excluded.scim_key, learned_at = excluded.learned_at
     WHERE identity_links.scim_id <> excluded.scim_id`,
  );
  const mailOf = db.prepare<[string], { mail: string | null }>('SELECT mail FROM entra_users WHERE id = ?');
  const known: KnownObject = (entry) => {
    if (!/user/i.test(entry.sourceIdentity.identityType)) return undefined;
    const row = mailOf.get(entry.sourceIdentity.id);
    return row ? { userWithoutMail: !row.mail } : undefined;
  };
  let ingested = 0;
  let read = 0;
  const pages = graph.provisioningEvents({
    servicePrincipalId: target.servicePrincipalId,
    after: new Date(from).toISOString(),
    order: 'asc',
    ...(options.pageSize ? { top: options.pageSize } : {}),
  });
  for await (const page of pages) {
    crashPoint('events.page-received');
    const at = isoNow(clock);
    const newest = page.reduce<string | null>(
      (max, e) =>
        max === null || Date.parse(e.activityDateTime) > Date.parse(max) ? e.activityDateTime : max,
      null,
    );
    ingested += db.transaction(() => {
      const records = page.map((entry) => toRecord(entry, at, known));
      const added = repo.insertBatch(records);
      // Rows written, links and watermark not yet: a crash here must roll the whole page back.
      crashPoint('events.in-transaction');
      for (const entry of page) {
        // Only successful creates and matches prove the pairing; a failed create has no SCIM id.
        if (entry.provisioningStatusInfo.status !== 'success' || !entry.targetIdentity.id) continue;
        const type = /group/i.test(entry.sourceIdentity.identityType) ? 'group' : 'user';
        const { id: entraId } = entry.sourceIdentity;
        const { id: scimId } = entry.targetIdentity;
        link.run(type, entraId, scimId, keys.of(entraId), keys.of(scimId), at);
      }
      const current = state.get(source)?.watermark;
      if (newest && (!current || Date.parse(newest) > Date.parse(current)))
        state.advance(source, { watermark: newest });
      return added;
    })();
    crashPoint('events.committed');
    read += page.length;
    if (backfilling || page.length) {
      context.emit('sync.progress', {
        source: 'entra',
        phase: backfilling ? 'backfill' : 'provisioning logs',
        done: read,
        total: null,
        message: `Read ${read.toLocaleString('en')} provisioning log entries${newest ? ` up to ${newest}` : ''}`,
      });
    }
  }
  if (ingested) {
    const newest = state.get(source)?.watermark ?? null;
    context.emit('provisioningEvents.ingested', { count: ingested, newestActivityDateTime: newest });
  }
  return { ingested, total: repo.count() };
}
