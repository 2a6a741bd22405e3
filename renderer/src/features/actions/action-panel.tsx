import { useState } from 'react';

import type { ActionDetail, ApiError } from '../../../../shared/contract';
import { actionKindLabels, actionStateLabels, failureCauseLabels } from '../../../../shared/labels';
import { api } from '../../api/client';
import { DetailPanel } from '../../ui/detail-panel';
import { QueryState } from '../../ui/query-state';
import { localTime } from '../../ui/time-text';
import { useActionDetail } from './actions-store';

const resendable = new Set(['outcome_unknown', 'unverified', 'verified_failed', 'failed', 'cancelled']);

function Resend({ action }: { action: ActionDetail }) {
  const [state, setState] = useState<'idle' | 'sent' | ApiError>('idle');
  if (action.kind !== 'retry' || !resendable.has(action.state)) return null;
  return (
    <p>
      <button
        type="button"
        disabled={state === 'sent'}
        data-testid="resend"
        onClick={() =>
          void api.retry.resend({ actionId: action.id }).then(
            () => setState('sent'),
            (error: unknown) => setState(error as ApiError),
          )
        }
      >
        {state === 'sent' ? 'Sent again (see the newest row)' : 'Send again'}
      </button>
      {typeof state === 'object' ? (
        <span className="error" role="alert">
          {' '}
          {state.message} {state.hint}
        </span>
      ) : null}
    </p>
  );
}

function ActionBody({ action }: { action: ActionDetail }) {
  return (
    <>
      <dl className="facts">
        <dt>Action</dt>
        <dd>{actionKindLabels[action.kind]}</dd>
        {action.kind === 'retry' ? (
          <>
            <dt>Object</dt>
            <dd>
              {action.objectType} {action.displayName ?? ''} <code>{action.entraId}</code>
            </dd>
            {action.memberIds.length ? (
              <>
                <dt>Members sent</dt>
                <dd>{action.memberIds.join(', ')}</dd>
              </>
            ) : null}
            {action.cause ? (
              <>
                <dt>Cause retried</dt>
                <dd>{failureCauseLabels[action.cause]}</dd>
              </>
            ) : null}
          </>
        ) : null}
        <dt>Who</dt>
        <dd>{action.actor}</dd>
        <dt>Asked</dt>
        <dd>{localTime(action.requestedAt)}</dd>
        <dt>Sent</dt>
        <dd>{action.sentAt ? localTime(action.sentAt) : 'Not sent'}</dd>
        <dt>State</dt>
        <dd data-testid="action-state">{actionStateLabels[action.state]}</dd>
        <dt>Ended</dt>
        <dd>{action.finishedAt ? localTime(action.finishedAt) : '—'}</dd>
        {action.resendOf ? (
          <>
            <dt>Repeats</dt>
            <dd>#{action.resendOf}</dd>
          </>
        ) : null}
      </dl>
      <p data-testid="action-message">{action.message}</p>
      <Resend action={action} />
      {action.steps.length ? (
        <section aria-label="Steps Entra reported">
          <h3>Steps Entra reported</h3>
          <ol className="steps">
            {action.steps.map((step, i) => (
              <li key={i}>
                <strong>{step.name}</strong> ({step.status}) {step.description}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <details>
        <summary>Request and answer</summary>
        <pre className="json">
          {JSON.stringify({ request: action.request, response: action.response }, null, 2)}
        </pre>
      </details>
    </>
  );
}

/** One action whole: who, what was sent, what Graph answered, the steps, and how it ended. */
export function ActionPanel({ id, onClose }: { id: number; onClose: () => void }) {
  const detail = useActionDetail(id);
  return (
    <DetailPanel label="Action" onClose={onClose}>
      <QueryState
        query={detail}
        isEmpty={(action) => action === null}
        empty={<p>No action has this number.</p>}
      >
        {(action) => (action ? <ActionBody action={action} /> : null)}
      </QueryState>
    </DetailPanel>
  );
}
