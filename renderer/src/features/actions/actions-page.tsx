import { useState } from 'react';

import type { ActionRow, ApiError } from '../../../../shared/contract';
import { actionKindLabels, actionStateLabels } from '../../../../shared/labels';
import { api } from '../../api/client';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute } from '../../navigation/use-route';
import { FilterSelect, optionsOf } from '../../ui/filter-field';
import { RowCount } from '../../ui/row-count';
import { localTime } from '../../ui/time-text';
import { VirtualTable, type Column } from '../../ui/virtual-table';
import { ActionPanel } from './action-panel';
import { actionFilters, useActionRows, useRetryQueue, type ActionFilters } from './actions-store';

const what = (a: ActionRow) =>
  a.kind === 'retry'
    ? `${a.objectType === 'group' ? 'Group' : 'User'} ${a.displayName ?? a.entraId ?? ''}${a.memberIds.length ? ` (+${a.memberIds.length} members)` : ''}`
    : actionKindLabels[a.kind];

const columns: Column<ActionRow>[] = [
  { id: 'id', header: '#', width: '4rem', cell: (a) => String(a.id) },
  { id: 'time', header: 'Asked', width: '11rem', cell: (a) => localTime(a.requestedAt) },
  { id: 'actor', header: 'Who', width: 'minmax(6rem, 1fr)', cell: (a) => a.actor },
  { id: 'kind', header: 'Action', width: '6.5rem', cell: (a) => actionKindLabels[a.kind] },
  { id: 'what', header: 'Object', width: 'minmax(8rem, 2fr)', cell: what },
  {
    id: 'state',
    header: 'State',
    width: '9rem',
    cell: (a) => <span className={`action-state state-${a.state}`}>{actionStateLabels[a.state]}</span>,
  },
  { id: 'message', header: 'What happened', width: 'minmax(10rem, 3fr)', cell: (a) => a.message ?? '' },
];

/** The queue's state with its controls: pause, resume, cancel what still waits. */
function QueueBar() {
  const queue = useRetryQueue();
  const [error, setError] = useState<ApiError | null>(null);
  const control = (action: 'pause' | 'resume' | 'cancel') =>
    api.retry.control({ action }).then(
      () => setError(null),
      (caught: unknown) => setError(caught as ApiError),
    );
  const q = queue.data;
  return (
    <div className="queue-bar" role="group" aria-label="Retry queue" data-testid="queue-bar">
      <span data-testid="queue-state">
        {q
          ? `${q.paused ? 'Paused' : 'Running'}: ${q.queued} queued, ${q.sending} sending, ${q.verifying} verifying`
          : 'Reading the queue…'}
      </span>
      <button type="button" disabled={!q} onClick={() => void control(q?.paused ? 'resume' : 'pause')}>
        {q?.paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" disabled={!q?.queued} onClick={() => void control('cancel')}>
        Cancel queued
      </button>
      {error ? (
        <span className="error" role="alert">
          {error.message}
        </span>
      ) : null}
    </div>
  );
}

/** Actions: every retry and job action ScimWatch sent, who asked, what Graph answered, how it ended. */
export default function ActionsPage({ params }: PageProps) {
  const filters = actionFilters(params);
  const selected = Number(params['action'] ?? '') || null;
  const rows = useActionRows(filters);
  const set = (change: Partial<ActionFilters> & { action?: string }) =>
    replaceRoute('actions', { ...filters, action: selected ? String(selected) : '', ...change });
  return (
    <div className="table-page">
      <section className="table-main" aria-label="Actions">
        <div className="section-head">
          <h1 className="page-title">Actions</h1>
          <RowCount rows={rows} noun={['action', 'actions']} />
        </div>
        <QueueBar />
        <div className="filters" role="search" aria-label="Filter actions">
          <FilterSelect
            label="Action"
            value={filters.kind}
            options={optionsOf(actionKindLabels)}
            onChange={(kind) => set({ kind: kind as ActionFilters['kind'] })}
          />
          <FilterSelect
            label="State"
            value={filters.state}
            options={optionsOf(actionStateLabels)}
            onChange={(state) => set({ state: state as ActionFilters['state'] })}
          />
          {filters.batch ? (
            <button type="button" onClick={() => set({ batch: '' })}>
              Batch {filters.batch} ×
            </button>
          ) : null}
        </div>
        <VirtualTable
          label="Actions"
          testId="actions-table"
          columns={columns}
          rows={rows}
          rowKey={(a) => String(a.id)}
          selectedKey={selected ? String(selected) : null}
          onOpen={(a) => set({ action: String(a.id) })}
          empty={
            <p>
              Nothing has been done to the tenant through ScimWatch yet. Retries (from a failure or finding)
              and job actions (from the Overview) are recorded here.
            </p>
          }
        />
      </section>
      {selected ? <ActionPanel id={selected} onClose={() => set({ action: '' })} /> : null}
    </div>
  );
}
