import { useState } from 'react';

import type { FindingRow } from '../../../../shared/contract';
import { findingKinds, kindGroupOf } from '../../../../shared/finding-kinds';
import {
  findingKindGroupLabels,
  findingKindLabels,
  failureCauseLabels,
  severityLabels,
} from '../../../../shared/labels';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute } from '../../navigation/use-route';
import { FilterSearch, FilterSelect, optionsOf } from '../../ui/filter-field';
import { localTime, relativeTime } from '../../ui/time-text';
import { RowCount } from '../../ui/row-count';
import { VirtualTable, type Column } from '../../ui/virtual-table';
import { driftFilters, useFindingRows, type DriftFilters } from './drift-store';
import { FindingPanel } from './finding-panel';
import { Symptoms } from './symptoms';

const stateOptions = [
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'Open and resolved' },
];

/** Drift: every finding, roots first with their symptoms beneath, each opening with its fix. */
export default function DriftPage({ params }: PageProps) {
  const filters = driftFilters(params);
  const selected = params['finding'] ?? null;
  const rows = useFindingRows(filters);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const set = (change: Partial<DriftFilters> & { finding?: string }) => {
    const next = { ...filters, finding: selected ?? '', ...change };
    replaceRoute('drift', { ...next, state: next.state === 'open' ? '' : next.state });
  };
  const toggle = (key: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const kinds = findingKinds.filter((k) => !filters.group || kindGroupOf(k) === filters.group);
  const columns: Column<FindingRow>[] = [
    {
      id: 'expand',
      header: 'Symptoms',
      width: '5.5rem',
      cell: (r) =>
        r.symptoms ? (
          <button
            type="button"
            className="expander"
            aria-expanded={expanded.has(r.key)}
            aria-label={`${expanded.has(r.key) ? 'Hide' : 'Show'} ${r.symptoms} symptoms`}
            onClick={(event) => {
              event.stopPropagation();
              toggle(r.key);
            }}
          >
            {expanded.has(r.key) ? '▾' : '▸'} {r.symptoms}
          </button>
        ) : null,
    },
    {
      id: 'severity',
      header: 'Severity',
      width: '6.5rem',
      cell: (r) => <span className={`severity severity-${r.severity}`}>{severityLabels[r.severity]}</span>,
    },
    { id: 'kind', header: 'Kind', width: 'minmax(9rem, 1.4fr)', cell: (r) => findingKindLabels[r.kind] },
    { id: 'object', header: 'Object', width: 'minmax(10rem, 2fr)', cell: (r) => r.displayName },
    {
      id: 'cause',
      header: 'Cause',
      width: 'minmax(6rem, 1fr)',
      cell: (r) => (r.cause ? failureCauseLabels[r.cause] : ''),
    },
    { id: 'first', header: 'First seen', width: '8rem', cell: (r) => relativeTime(r.firstSeen) },
    { id: 'last', header: 'Last seen', width: '8rem', cell: (r) => relativeTime(r.lastSeen) },
    {
      id: 'state',
      header: 'State',
      width: '9rem',
      cell: (r) => (r.resolvedAt ? `Resolved ${localTime(r.resolvedAt)}` : 'Open'),
    },
  ];
  const filtered = Boolean(filters.group || filters.kind || filters.severity || filters.q);
  return (
    <div className="table-page">
      <section className="table-main" aria-label="Drift">
        <div className="section-head">
          <h1 className="page-title">Drift and findings</h1>
          <RowCount rows={rows} noun={['finding', 'findings']} />
        </div>
        <div className="filters" role="search" aria-label="Filter findings">
          <FilterSearch
            label="Search"
            value={filters.q}
            placeholder="Name, id or key"
            onChange={(q) => set({ q })}
          />
          <FilterSelect
            label="About"
            value={filters.group}
            options={optionsOf(findingKindGroupLabels)}
            onChange={(group) => set({ group: group as DriftFilters['group'], kind: '' })}
          />
          <FilterSelect
            label="Kind"
            value={filters.kind}
            options={kinds.map((k) => ({ value: k, label: findingKindLabels[k] }))}
            onChange={(kind) => set({ kind: kind as DriftFilters['kind'] })}
          />
          <FilterSelect
            label="Severity"
            value={filters.severity}
            options={optionsOf(severityLabels)}
            onChange={(severity) => set({ severity: severity as DriftFilters['severity'] })}
          />
          <FilterSelect
            label="State"
            value={filters.state === 'open' ? '' : filters.state}
            options={stateOptions}
            anyLabel="Open"
            onChange={(state) => set({ state: (state || 'open') as DriftFilters['state'] })}
          />
        </div>
        <VirtualTable
          label="Findings"
          testId="findings-table"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          selectedKey={selected}
          onOpen={(r) => set({ finding: r.key })}
          expansion={(r) =>
            expanded.has(r.key) ? (
              <Symptoms rootKey={r.key} state={filters.state} onOpen={(finding) => set({ finding })} />
            ) : null
          }
          empty={
            filtered ? (
              <p>No finding matches these filters. Clear a filter or the search to see more.</p>
            ) : filters.state === 'open' ? (
              <p>
                Nothing open: Entra and Pulumi agree, and the setup follows Pulumi’s guide. Findings appear
                here after each reconciliation.
              </p>
            ) : (
              <p>No finding has been recorded yet. Findings appear after the first reconciliation.</p>
            )
          }
        />
      </section>
      {selected ? <FindingPanel findingKey={selected} onClose={() => set({ finding: '' })} /> : null}
    </div>
  );
}
