import type Database from 'better-sqlite3';

import type { ActionState } from '../../../shared/contract';
import type { FailureCause, FindingKind } from '../../../shared/finding-kinds';
import { failureCauseLabels, findingKindLabels } from '../../../shared/labels';
import type { SentRetry } from '../store/actions-repo';

export interface Verdict {
  state: Extract<ActionState, 'verified_succeeded' | 'verified_failed' | 'unverified'>;
  message: string;
  cause: FailureCause | null;
}

interface LogEntry {
  status: string;
  cause: FailureCause | null;
  ingestedAt: string;
}

/**
 * How a sent retry ended, judged only from what was collected after it left: the object's log
 * entries that arrived after the request, Pulumi read after them, and the reconciliation since. Until
 * an entry arrives it waits (Graph's log lags by minutes; a missing entry never means "not sent"),
 * and past the deadline it is unverified. Null: keep waiting.
 */
export function retryVerdict(
  db: Database.Database,
  retry: SentRetry,
  now: number,
  timeoutMs: number,
): Verdict | null {
  const entry = db
    .prepare(
      `SELECT status, cause, ingested_at AS ingestedAt FROM provisioning_events
        WHERE source_id = ? AND seq > ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(retry.entraId, retry.logSeqAtSend) as LogEntry | undefined;
  const pulumiReadAt = db
    .prepare(`SELECT last_success_at FROM poll_state WHERE source = 'pulumi.scim'`)
    .pluck()
    .get() as string | null | undefined;
  const judged = entry && pulumiReadAt && pulumiReadAt >= entry.ingestedAt;
  if (!judged) {
    const sentAt = Date.parse(retry.sentAt ?? '');
    if (now - sentAt < timeoutMs) return null;
    const minutes = Math.round(timeoutMs / 60_000);
    return {
      state: 'unverified',
      cause: null,
      message: entry
        ? `Entra logged it, but Pulumi could not be read again within ${minutes} min to confirm. Check Pulumi, or send it again.`
        : `No log entry for it arrived within ${minutes} min (Graph's log can lag further). Check the Failures page later, or send it again.`,
    };
  }
  if (entry.status === 'failure')
    return {
      state: 'verified_failed',
      cause: entry.cause,
      message: `Entra tried again and failed: ${entry.cause ? failureCauseLabels[entry.cause] : 'unknown cause'}.`,
    };
  const open = stillOpen(db, retry);
  if (open)
    return {
      state: 'verified_failed',
      cause: open.cause,
      message: `Entra logged ${entry.status}, but the finding is still open after Pulumi was read: ${findingKindLabels[open.kind]}.`,
    };
  return {
    state: 'verified_succeeded',
    cause: null,
    message: `Entra logged ${entry.status}, Pulumi holds the result, and the finding is resolved.`,
  };
}

/** The finding behind the retry if still open, or (with none named) any open failure of the object. */
function stillOpen(db: Database.Database, retry: SentRetry) {
  const row = retry.findingKey
    ? db
        .prepare(`SELECT kind, cause FROM findings WHERE key = ? AND resolved_at IS NULL`)
        .get(retry.findingKey)
    : db
        .prepare(
          `SELECT kind, cause FROM findings
            WHERE entra_id = ? AND resolved_at IS NULL AND cause IS NOT NULL LIMIT 1`,
        )
        .get(retry.entraId);
  return row as { kind: FindingKind; cause: FailureCause | null } | undefined;
}
