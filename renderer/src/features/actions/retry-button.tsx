import { useState } from 'react';

import type { ApiError, RetryEnqueued, RetryObjectType } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useStatusStore } from '../../state/status-store';
import { BatchProgress } from './batch-progress';

/**
 * Retry one user or group through Entra's provision-on-demand, from a panel. What on-demand cannot
 * fix is refused with the reason; what the evidence says will fail again can be sent anyway. After
 * that the button shows the request's live state up to its verified outcome.
 */
export function RetryButton({
  entraId,
  objectType,
  findingKey,
}: {
  entraId: string;
  objectType?: RetryObjectType | undefined;
  findingKey?: string | undefined;
}) {
  const access = useStatusStore((s) => s.status?.actions);
  const [result, setResult] = useState<RetryEnqueued | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.retry.run({ objects: [{ entraId, objectType, findingKey }], force }));
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const refusal = result?.refused[0];
  return (
    <section aria-label="Retry" className="retry-box" data-testid="retry-box">
      <h3>Retry</h3>
      {result?.queued.length ? (
        <BatchProgress batchId={result.batchId} ids={result.queued.map((a) => a.id)} />
      ) : (
        <>
          <button
            type="button"
            className="primary"
            disabled={busy || !access?.allowed}
            onClick={() => void send(false)}
            data-testid="retry"
          >
            {busy ? 'Queuing…' : 'Retry now'}
          </button>
          <p className="muted small">
            {access?.allowed
              ? `Sends it through Entra's provision on demand (at most 5 requests every 10 s), then checks the log and Pulumi to verify the outcome. Recorded as ${access.actor ?? 'you'}.`
              : (access?.reason ?? 'Checking whether ScimWatch may act…')}
          </p>
        </>
      )}
      {refusal ? (
        <div className="notice warning" role="alert" data-testid="retry-refused">
          <p>{refusal.reason}</p>
          {refusal.canForce ? (
            <button type="button" onClick={() => void send(true)} disabled={busy} data-testid="retry-anyway">
              Retry anyway
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="notice error" role="alert">
          {error.message} {error.hint}
        </p>
      ) : null}
    </section>
  );
}
