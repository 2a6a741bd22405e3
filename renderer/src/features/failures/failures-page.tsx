import { useState } from 'react';

import type { ProvisioningEventRow } from '../../../../shared/contract';
import { statRanges } from '../../../../shared/contract/stats';
import {
  failureCauseLabels,
  identityTypeLabels,
  provisioningActionLabels,
  provisioningStatusLabels,
  statRangeLabels,
} from '../../../../shared/labels';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute } from '../../navigation/use-route';
import { FilterSearch, FilterSelect, optionsOf } from '../../ui/filter-field';
import { localTime } from '../../ui/time-text';
import { RowCount } from '../../ui/row-count';
import { VirtualTable, type Column } from '../../ui/virtual-table';
import { BulkRetry } from '../actions/bulk-retry';
import { EventPanel } from './event-panel';
import { failureFilters, useEventRows, type FailureFilters } from './failures-store';

const columns: Column<ProvisioningEventRow>[] = [
  { id: 'time', header: 'Time', width: '11rem', cell: (r) => localTime(r.activityDateTime) },
  {
    id: 'status',
    header: 'Status',
    width: '6.5rem',
    cell: (r) => <span className={`status status-${r.status}`}>{provisioningStatusLabels[r.status]}</span>,
  },
  { id: 'action', header: 'Action', width: '6.5rem', cell: (r) => r.action },
  { id: 'type', header: 'Type', width: '4.5rem', cell: (r) => r.identityType },
  {
    id: 'source',
    header: 'Source (Entra)',
    width: 'minmax(8rem, 2fr)',
    cell: (r) => r.sourceDisplayName ?? '—',
  },
  {
    id: 'target',
    header: 'Target (Pulumi)',
    width: 'minmax(8rem, 2fr)',
    cell: (r) => r.targetDisplayName ?? '—',
  },
  {
    id: 'cause',
    header: 'Cause',
    width: 'minmax(7rem, 1.5fr)',
    cell: (r) => (r.cause ? (failureCauseLabels[r.cause as keyof typeof failureCauseLabels] ?? r.cause) : ''),
  },
  { id: 'code', header: 'Error code', width: 'minmax(6rem, 1fr)', cell: (r) => r.errorCode ?? '' },
];

interface RetryObject {
  entraId: string;
  objectType: 'user' | 'group';
}

/** A failed entry about a user or group can be chosen for a retry of that object. */
function retryObjectOf(row: ProvisioningEventRow): RetryObject | null {
  const type = row.identityType.toLowerCase();
  if (row.status !== 'failure' || !row.sourceId || (type !== 'user' && type !== 'group')) return null;
  return { entraId: row.sourceId, objectType: type };
}

const rangeOptions = statRanges.map((r) => ({ value: r, label: statRangeLabels[r] }));

/** The provisioning log: every entry Entra wrote, filtered and searched, each opening in full. */
export default function FailuresPage({ params }: PageProps) {
  const filters = failureFilters(params);
  const selected = params['event'] ?? null;
  const rows = useEventRows(filters);
  const [chosen, setChosen] = useState<ReadonlyMap<string, RetryObject>>(new Map());
  const toggle = (row: ProvisioningEventRow) => {
    const object = retryObjectOf(row);
    if (!object) return;
    setChosen((current) => {
      const next = new Map(current);
      if (!next.delete(row.id)) next.set(row.id, object);
      return next;
    });
  };
  const choose: Column<ProvisioningEventRow> = {
    id: 'choose',
    header: 'Choose',
    width: '2rem',
    cell: (r) =>
      retryObjectOf(r) ? (
        <input
          type="checkbox"
          checked={chosen.has(r.id)}
          aria-label={`Choose ${r.sourceDisplayName ?? r.sourceId ?? ''} for a retry`}
          onClick={(event) => event.stopPropagation()}
          onChange={() => toggle(r)}
          data-testid="choose"
        />
      ) : null,
  };
  const set = (change: Partial<FailureFilters> & { event?: string }) => {
    const next = { ...filters, event: selected ?? '', ...change };
    replaceRoute('failures', next);
  };
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="table-page">
      <section className="table-main" aria-label="Failures">
        <div className="section-head">
          <h1 className="page-title">Provisioning log</h1>
          <RowCount rows={rows} noun={['entry', 'entries']} />
        </div>
        <div className="filters" role="search" aria-label="Filter the log">
          <FilterSearch
            label="Search"
            value={filters.q}
            placeholder="Name, UPN, e-mail, id, error code or reason"
            onChange={(q) => set({ q })}
          />
          <FilterSelect
            label="Status"
            value={filters.status}
            options={optionsOf(provisioningStatusLabels)}
            onChange={(status) => set({ status: status as FailureFilters['status'] })}
          />
          <FilterSelect
            label="Cause"
            value={filters.cause}
            options={optionsOf(failureCauseLabels)}
            onChange={(cause) => set({ cause: cause as FailureFilters['cause'] })}
          />
          <FilterSelect
            label="Action"
            value={filters.action}
            options={optionsOf(provisioningActionLabels)}
            onChange={(action) => set({ action })}
          />
          <FilterSelect
            label="Type"
            value={filters.type}
            options={optionsOf(identityTypeLabels)}
            onChange={(type) => set({ type })}
          />
          <FilterSelect
            label="Time"
            value={filters.range}
            options={rangeOptions}
            anyLabel="All stored"
            onChange={(range) => set({ range: range as FailureFilters['range'] })}
          />
        </div>
        {chosen.size ? (
          <BulkRetry
            key={[...chosen.keys()].join()}
            chosen={[...new Map([...chosen.values()].map((o) => [o.entraId, o])).values()]}
          />
        ) : filters.cause ? (
          <BulkRetry cause={filters.cause} />
        ) : null}
        <VirtualTable
          label="Provisioning log entries"
          testId="events-table"
          columns={[choose, ...columns]}
          rows={rows}
          rowKey={(r) => r.id}
          onToggle={toggle}
          selectedKey={selected}
          onOpen={(r) => set({ event: r.id })}
          empty={
            filtered ? (
              <p>No entry matches these filters. Clear a filter or the search to see more.</p>
            ) : (
              <p>
                No provisioning log entries yet. Entra writes one for each object it handles in a cycle; they
                appear after the next poll (Settings → Poll now).
              </p>
            )
          }
        />
      </section>
      {selected ? <EventPanel id={selected} onClose={() => set({ event: '' })} /> : null}
    </div>
  );
}
