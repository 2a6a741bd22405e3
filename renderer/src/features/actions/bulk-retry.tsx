import { useState } from 'react';

import type { ApiError, InputOf, RetryEnqueued } from '../../../../shared/contract';
import type { FailureCause } from '../../../../shared/finding-kinds';
import { failureCauseLabels } from '../../../../shared/labels';
import { api } from '../../api/client';
import { useStatusStore } from '../../state/status-store';
import { BatchProgress } from './batch-progress';

type Chosen = NonNullable<InputOf<'retry.run'>['objects']>;

/**
 * A bulk retry — every open failure of a cause, or the rows chosen — confirmed, queued as one batch
 * and followed live. Shown only where ScimWatch may act.
 */
export function BulkRetry({ cause, chosen }: { cause?: FailureCause; chosen?: Chosen }) {
  const access = useStatusStore((s) => s.status?.actions);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<RetryEnqueued | ApiError | null>(null);
  if (!access?.allowed || (!cause && !chosen?.length)) return null;
  const what = chosen?.length
    ? `the ${chosen.length} chosen ${chosen.length === 1 ? 'user or group' : 'users and groups'}`
    : `every open failure caused by “${cause ? failureCauseLabels[cause] : ''}”`;
  const send = () =>
    api.retry
      .run(chosen?.length ? { objects: chosen } : { cause })
      .then(setResult, (e: unknown) => setResult(e as ApiError));
  if (result && 'queued' in result)
    return (
      <div className="bulk-retry" data-testid="bulk-retry">
        <p>
          Queued {result.queued.length} request(s); {result.refused.length} not queued
          {result.refused.length ? ` (${result.refused[0]?.reason})` : ''}.
        </p>
        {result.queued.length ? (
          <BatchProgress batchId={result.batchId} ids={result.queued.map((a) => a.id)} />
        ) : null}
      </div>
    );
  return (
    <div className="bulk-retry" data-testid="bulk-retry">
      {confirming ? (
        <>
          <span>
            Retry {what}? They go at Graph’s pace (5 every 10 s); each is verified against the log and Pulumi.
          </span>
          <button type="button" className="primary" data-testid="bulk-confirm" onClick={() => void send()}>
            Retry all
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} data-testid="bulk-retry-open">
          {chosen?.length ? `Retry the ${chosen.length} chosen…` : 'Retry every open failure of this cause…'}
        </button>
      )}
      {result && !('queued' in result) ? (
        <span className="error" role="alert">
          {result.message} {result.hint}
        </span>
      ) : null}
    </div>
  );
}
