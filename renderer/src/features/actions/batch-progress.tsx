import type { ActionRow } from '../../../../shared/contract';
import { isFinishedAction } from '../../../../shared/contract/actions';
import { actionStateLabels } from '../../../../shared/labels';
import { routeHref } from '../../navigation/use-route';
import { useBatch } from './actions-store';

/** Live progress of the requests just queued: a bar, and each request's state and words. */
export function BatchProgress({ batchId, ids }: { batchId: number | null; ids: readonly number[] }) {
  const batch = useBatch(batchId, ids);
  const rows = batch.data ?? [];
  const done = rows.filter((a) => isFinishedAction(a.state)).length;
  const total = Math.max(rows.length, ids.length);
  return (
    <div className="batch-progress" data-testid="batch-progress" data-done={done} data-total={total}>
      <progress max={total} value={done} aria-label={`${done} of ${total} requests ended`} />
      <span className="muted">
        {done} of {total} ended
        {batchId ? (
          <>
            {' · '}
            <a href={routeHref('actions', { batch: String(batchId) })}>open in Actions</a>
          </>
        ) : null}
      </span>
      {rows.length <= 10 ? (
        <ul className="plain-list">
          {rows.map((a: ActionRow) => (
            <li key={a.id} data-testid="batch-item" data-state={a.state}>
              <span className={`action-state state-${a.state}`}>{actionStateLabels[a.state]}</span>{' '}
              <span>{a.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
