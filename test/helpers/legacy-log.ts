import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import type { ProvisioningEventRecord } from '../../electron/core/store/provisioning-events-repo';
import { buildLogEntry } from '../../electron/emulators/graph/log-entry';

/**
 * Writes entries as schemas 1 to 11 stored them (the entry whole, as text, keyed by Graph's id), for
 * tests that migrate an older database. Schema 7 added `seq`; before it the row ends at `ingested_at`.
 */
export function insertLegacyEvents(db: Database.Database, records: readonly ProvisioningEventRecord[]): void {
  const withSeq = db
    .prepare("SELECT 1 FROM pragma_table_info('provisioning_events') WHERE name = 'seq'")
    .get();
  const columns = `id, activity_date_time, status, action, identity_type, source_id, source_display_name,
    target_id, target_display_name, error_code, cause, cycle_id, job_id, change_id, raw, ingested_at`;
  const insert = db.prepare(
    withSeq
      ? `INSERT INTO provisioning_events (${columns}, seq) VALUES (${'?, '.repeat(16)}?)`
      : `INSERT INTO provisioning_events (${columns}) VALUES (${'?, '.repeat(15)}?)`,
  );
  const last = withSeq
    ? ((db.prepare('SELECT max(seq) FROM provisioning_events').pluck().get() as number | null) ?? 0)
    : 0;
  db.transaction(() =>
    records.forEach((r, i) => {
      const values = [
        r.id,
        r.activityDateTime,
        r.status,
        r.action,
        r.identityType,
        r.sourceId,
        r.sourceDisplayName,
        r.targetId,
        r.targetDisplayName,
        r.errorCode,
        r.cause,
        r.cycleId,
        r.jobId,
        r.changeId,
        r.raw,
        r.ingestedAt,
      ];
      insert.run(...values, ...(withSeq ? [last + i + 1] : []));
    }),
  )();
}

/**
 * Entries as the emulated provisioning engine writes them (Graph's v1.0 shape, random ids where Graph
 * has them), with failures quoting Pulumi, identity changes, names in many scripts, and a few texts
 * no serializer would write (spacing, escapes, a long reason): what is stored must come back exact.
 */
export function engineLog(count: number, newest: number): ProvisioningEventRecord[] {
  const names = ['Zoë Ångström', '山田 太郎', 'Ωmega <b>bold</b>', '=cmd|calc', 'Renée "Q" O\'Neil', 'علي'];
  return Array.from({ length: count }, (_, i) => {
    const failed = i % 7 === 3;
    const name = `${names[i % names.length]} ${i}`;
    const upn = `person${i}@contoso.example`;
    const entry = buildLogEntry({
      tenantId: 'e7642b5c-d8a4-4119-9c51-69e07b96b79a',
      jobId: 'scim.e7642b5cd8a441199c5169e07b96b79a.390637e06770466398ee54fcbe33daa9',
      servicePrincipal: {
        id: '828ee2d4-8b2b-4658-ac7f-7607d505d72f',
        displayName: 'Pulumi Cloud',
        appId: '27a4bf82-2f80-4633-a4fc-cd0c01dc11f7',
      },
      activityDateTime: new Date(newest - (count - i) * 60_000).toISOString(),
      cycleId: randomUUID(),
      action: i % 5 === 0 ? 'create' : 'update',
      status: failed ? 'failure' : 'success',
      identityType: 'User',
      source: { id: randomUUID(), displayName: upn },
      target: { id: failed ? '' : randomUUID(), displayName: failed ? '' : upn },
      ...(failed
        ? {
            error: {
              errorCode: 'SystemForCrossDomainIdentityManagementBadResponse',
              reason: `Message: Pulumi Cloud returned an error response with the HTTP status code 409. Web Response: {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"uniqueness","detail":"email ${upn} is already in use","status":"409"}${i % 21 === 3 ? ' '.repeat(20_000) : ''}`,
            },
          }
        : {}),
      modifiedProperties: [
        { displayName: 'objectId', oldValue: null, newValue: randomUUID() },
        { displayName: 'userPrincipalName', oldValue: null, newValue: upn },
        { displayName: 'displayName', oldValue: null, newValue: name },
        { displayName: 'mail', oldValue: null, newValue: `mail${i}@contoso.example` },
      ],
    });
    const text = JSON.stringify(entry);
    const raw =
      i % 50 === 7
        ? text
            .replace('{', '{ \n\t')
            .replace(/,"tenantId"/, ' , "tenantId"')
            .replace('Pulumi', 'Pulumi\\u2028')
        : text;
    return {
      id: String(entry.id),
      activityDateTime: String(entry.activityDateTime),
      status: failed ? 'failure' : 'success',
      action: String(entry.provisioningAction),
      identityType: 'User',
      sourceId: (entry.sourceIdentity as { id: string }).id,
      sourceDisplayName: name,
      targetId: failed ? null : (entry.targetIdentity as { id: string }).id,
      targetDisplayName: failed ? null : name,
      errorCode: failed ? 'SystemForCrossDomainIdentityManagementBadResponse' : null,
      cause: failed ? 'email_in_use' : null,
      cycleId: String(entry.cycleId),
      jobId: String(entry.jobId),
      changeId: String(entry.changeId),
      raw,
      ingestedAt: new Date(newest).toISOString(),
    };
  });
}
