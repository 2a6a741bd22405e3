import { useId } from 'react';

import type { ReportOptions, ReportPreview } from '../../../../shared/contract';
import { reportSections } from '../../../../shared/contract';
import { severityLabels } from '../../../../shared/labels';
import { FilterSelect, optionsOf } from '../../ui/filter-field';
import { localTime } from '../../ui/time-text';

const formatLabels = { pdf: 'PDF', html: 'HTML', csv: 'CSV (zip)', json: 'JSON' } as const;
const sectionLabels = Object.fromEntries(reportSections.map((s) => [s, s.replace('_', ' ')])) as Record<
  (typeof reportSections)[number],
  string
>;

/** The report's options, each a control bound to the URL (`set` replaces one parameter). */
export function ReportForm({
  params,
  options,
  runs,
  set,
}: {
  params: Record<string, string>;
  options: ReportOptions;
  runs: ReportPreview['runs'];
  set: (change: Record<string, string>) => void;
}) {
  const since = useId();
  const until = useId();
  return (
    <div className="report-form filters" role="group" aria-label="Report options">
      <FilterSelect
        label="Format"
        value={options.format}
        anyLabel="PDF"
        options={optionsOf(formatLabels).filter((o) => o.value !== 'pdf')}
        onChange={(format) => set({ format })}
      />
      <FilterSelect
        label="As of run"
        value={params['run'] ?? ''}
        anyLabel="Latest"
        options={runs.map((r) => ({ value: String(r.id), label: `#${r.id}, ${localTime(r.finishedAt)}` }))}
        onChange={(run) => set({ run })}
      />
      <div className="filter">
        <label htmlFor={since}>From</label>
        <input
          id={since}
          type="date"
          value={params['since'] ?? ''}
          onChange={(e) => set({ since: e.target.value })}
        />
      </div>
      <div className="filter">
        <label htmlFor={until}>To</label>
        <input
          id={until}
          type="date"
          value={params['until'] ?? ''}
          onChange={(e) => set({ until: e.target.value })}
        />
      </div>
      <FilterSelect
        label="Findings at least"
        value={params['severity'] ?? ''}
        anyLabel="Info"
        options={optionsOf(severityLabels).filter((o) => o.value !== 'info')}
        onChange={(severity) => set({ severity })}
      />
      {options.format === 'csv' ? (
        <FilterSelect
          label="Section"
          value={params['section'] ?? ''}
          anyLabel="All, in a zip"
          options={optionsOf(sectionLabels)}
          onChange={(section) => set({ section })}
        />
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          checked={options.includeResolved === true}
          onChange={(e) => set({ resolved: e.target.checked ? '1' : '' })}
        />
        Include findings resolved in the period
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={options.redact === true}
          onChange={(e) => set({ redact: e.target.checked ? '1' : '' })}
        />
        Redact names, emails, UPNs and ids
      </label>
    </div>
  );
}
