import { useState } from 'react';

import type { ApiError, RetryEnqueued } from '../../../../shared/contract';
import type { FailureCause } from '../../../../shared/finding-kinds';
import { failureCauseLabels } from '../../../../shared/labels';
import { api } from '../../api/client';
import { useStatusStore } from '../../state/status-store';
import { BatchProgress } from './batch-progress';

/** "Retry every open failure of this cause": confirmed, queued as one batch, followed live. */
export function BulkRetry({ cause }: { cause: FailureCause }) {
  const access = useStatusStore((s) => s.status?.actions);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<RetryEnqueued | ApiError | null>(null);
  if (!access?.allowed) return null;
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
            Retry every open failure caused by “{failureCauseLabels[cause]}”? They go at Graph’s pace (5 every
            10 s); each is verified against the log and Pulumi.
          </span>
          <button
            type="button"
            className="primary"
            data-testid="bulk-confirm"
            onClick={() =>
              void api.retry.run({ cause }).then(setResult, (e: unknown) => setResult(e as ApiError))
            }
          >
            Retry all
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} data-testid="bulk-retry-open">
          Retry every open failure of this cause…
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
