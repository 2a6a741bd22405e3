import { useState } from 'react';

import type { ApiError, ReportRecord } from '../../../../shared/contract';
import { api } from '../../api/client';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute } from '../../navigation/use-route';
import { QueryState } from '../../ui/query-state';
import { ReportForm } from './report-form';
import { ReportHistory } from './report-history';
import { ReportPreviewView } from './report-preview';
import { reportOptionsFrom, usePreview, useReportHistory, useReportProgress } from './reports-store';

/** Reports: options, a preview of what the report will say, export with progress, and past exports. */
export default function ReportsPage({ params }: PageProps) {
  const options = reportOptionsFrom(params);
  const preview = usePreview(options);
  const history = useReportHistory();
  const [exporting, setExporting] = useState(false);
  const [result, setResult] = useState<{ record?: ReportRecord; error?: ApiError } | null>(null);
  const progress = useReportProgress(exporting);
  const set = (change: Record<string, string>) => replaceRoute('reports', { ...params, ...change });
  const exportReport = async () => {
    setExporting(true);
    setResult(null);
    try {
      setResult({ record: await api.report.create(options) });
    } catch (caught) {
      setResult({ error: caught as ApiError });
    } finally {
      setExporting(false);
    }
  };
  return (
    <section className="reports-page" aria-label="Reports">
      <h1 className="page-title">Reports</h1>
      <ReportForm params={params} options={options} runs={preview.data?.runs ?? []} set={set} />
      <div className="report-export">
        <button type="button" className="primary" disabled={exporting} onClick={() => void exportReport()}>
          {exporting ? 'Exporting…' : `Export ${options.format.toUpperCase()}`}
        </button>
        {exporting ? (
          <progress
            max={100}
            value={progress?.percent ?? 0}
            aria-label={`Export ${progress?.phase ?? 'starting'}`}
            data-testid="report-progress"
          />
        ) : null}
        {result?.record ? (
          <span role="status" data-testid="report-done">
            Written: {result.record.fileName} (SHA-256 {result.record.sha256?.slice(0, 16)}…)
          </span>
        ) : null}
        {result?.error ? (
          <span className="error" role="alert">
            {result.error.message} {result.error.hint}
          </span>
        ) : null}
      </div>
      <QueryState query={preview} empty={<p>Nothing to preview.</p>}>
        {(data) => <ReportPreviewView preview={data} />}
      </QueryState>
      <section aria-label="Past reports">
        <h2>Past reports</h2>
        <QueryState query={history} empty={<p>No report exported yet.</p>}>
          {(reports) => <ReportHistory reports={reports} downloads={!window.scimwatch} />}
        </QueryState>
      </section>
    </section>
  );
}
