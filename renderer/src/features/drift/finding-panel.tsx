import type { FindingDetail } from '../../../../shared/contract';
import { findingKindLabels, severityLabels } from '../../../../shared/labels';
import { DetailPanel } from '../../ui/detail-panel';
import { FixView } from '../../ui/fix-view';
import { RetryButton } from '../actions/retry-button';
import { QueryState } from '../../ui/query-state';
import { localTime } from '../../ui/time-text';
import { useFindingDetail } from './drift-store';

const textOf = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

function Comparison({ finding }: { finding: FindingDetail }) {
  if (!finding.comparison.length) return null;
  const missing = finding.comparison.every((v) => v.pulumi === null)
    ? 'Pulumi holds no matching object.'
    : finding.comparison.every((v) => v.entra === null)
      ? 'Entra holds no matching object.'
      : null;
  return (
    <section aria-label="Entra and Pulumi side by side">
      <h3>Entra and Pulumi side by side</h3>
      {missing ? <p className="muted">{missing}</p> : null}
      <table className="compact comparison" data-testid="comparison">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Entra</th>
            <th scope="col">Pulumi</th>
          </tr>
        </thead>
        <tbody>
          {finding.comparison.map((value) => (
            <tr key={value.attribute} data-differs={value.differs || undefined}>
              <th scope="row">
                {value.attribute}
                {value.differs ? <span className="differs-mark"> (differs)</span> : null}
              </th>
              <td>{value.entra ?? '—'}</td>
              <td>{value.pulumi ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function History({ finding }: { finding: FindingDetail }) {
  return (
    <section aria-label="History">
      <h3>History</h3>
      <p>
        First seen {localTime(finding.firstSeen)}, last seen {localTime(finding.lastSeen)}
        {finding.resolvedAt ? `, resolved ${localTime(finding.resolvedAt)}` : ', still open'}.
      </p>
      <ol className="history" data-testid="history">
        {finding.history.map((version) => (
          <li key={version.version}>
            <span className="history-when">
              {localTime(version.from)} → {version.to ? localTime(version.to) : 'now'}
            </span>{' '}
            <span>
              {severityLabels[version.severity]} · {version.displayName}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Findings about one object that provisioning it again can mend (not configuration or the job). */
const retriable = (kind: FindingDetail['kind']) =>
  kind.startsWith('user.') || kind.startsWith('team.') || kind === 'provisioning.failure';

function FindingBody({ finding }: { finding: FindingDetail }) {
  const evidence = Object.entries(finding.evidence);
  return (
    <>
      <p className={`severity severity-${finding.severity}`}>
        {severityLabels[finding.severity]} · {findingKindLabels[finding.kind]}
      </p>
      <p className="detail-name">{finding.displayName}</p>
      <Comparison finding={finding} />
      {finding.fix ? <FixView fix={finding.fix} /> : null}
      {finding.entraId && !finding.resolvedAt && retriable(finding.kind) ? (
        <RetryButton
          entraId={finding.entraId}
          objectType={
            finding.kind.startsWith('team.') ? 'group' : finding.kind.startsWith('user.') ? 'user' : undefined
          }
          findingKey={finding.key}
        />
      ) : null}
      {evidence.length ? (
        <section aria-label="Evidence">
          <h3>Evidence</h3>
          <dl className="facts">
            {evidence.map(([name, value]) => (
              <div key={name} className="fact">
                <dt>{name}</dt>
                <dd>{textOf(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <History finding={finding} />
    </>
  );
}

/** One finding in full: both sides' values, the guided fix with its links, evidence and history. */
export function FindingPanel({ findingKey, onClose }: { findingKey: string; onClose: () => void }) {
  const detail = useFindingDetail(findingKey);
  return (
    <DetailPanel label="Finding" onClose={onClose}>
      <QueryState
        query={detail}
        isEmpty={(finding) => finding === null}
        empty={<p>This finding is not stored (any more). Pick another row.</p>}
      >
        {(finding) => (finding ? <FindingBody finding={finding} /> : null)}
      </QueryState>
    </DetailPanel>
  );
}
