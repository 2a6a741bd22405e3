import type { ReportRecord } from '../../../../shared/contract';
import { reportDownloadPath } from '../../../../shared/contract';
import { localTime } from '../../ui/time-text';

const describeOptions = (r: ReportRecord) =>
  [
    r.options.format.toUpperCase(),
    r.options.section ? `section ${r.options.section}` : null,
    r.options.minSeverity ? `${r.options.minSeverity} and above` : null,
    r.options.includeResolved ? 'with resolved' : null,
    r.options.redact ? 'redacted' : null,
  ]
    .filter(Boolean)
    .join(', ');

const size = (bytes: number | null) =>
  bytes === null
    ? ''
    : bytes < 1024 * 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Past exports with their options and SHA-256; in a browser, each file downloads from the server. */
export function ReportHistory({ reports, downloads }: { reports: ReportRecord[]; downloads: boolean }) {
  if (!reports.length) return <p>No report exported yet.</p>;
  return (
    <table className="compact" data-testid="report-history">
      <thead>
        <tr>
          <th scope="col">Written</th>
          <th scope="col">Options</th>
          <th scope="col">Run</th>
          <th scope="col">Size</th>
          <th scope="col">SHA-256</th>
          <th scope="col">File</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.id} data-state={r.state}>
            <td>{localTime(r.createdAt)}</td>
            <td>{describeOptions(r)}</td>
            <td>{r.runId ? `#${r.runId}` : ''}</td>
            <td>{size(r.bytes)}</td>
            <td>
              <code className="hash" title={r.sha256 ?? ''}>
                {r.sha256 ? `${r.sha256.slice(0, 16)}…` : ''}
              </code>
            </td>
            <td>
              {r.state === 'failed' ? (
                <span className="error">{r.error}</span>
              ) : r.state === 'writing' ? (
                'Writing…'
              ) : downloads ? (
                <a href={reportDownloadPath(r.id)} download={r.fileName ?? undefined}>
                  {r.fileName}
                </a>
              ) : (
                <span title="In the profile's reports folder">{r.fileName}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
