import type { ReactNode } from 'react';

import type { FindingRecord, TimelineEntry } from '../../../../shared/contract';
import { fixById } from '../../../../shared/fixes';
import { failureCauseLabels, findingKindLabels, provisioningStatusLabels } from '../../../../shared/labels';
import { routeHref } from '../../navigation/use-route';
import { localTime } from '../../ui/time-text';

/** Findings about the object, each a link into Drift, open or resolved. */
export function FindingsSection({ findings }: { findings: FindingRecord[] }) {
  return (
    <section aria-label="Findings">
      <h2>Findings</h2>
      {findings.length ? (
        <ul className="plain-list">
          {findings.map((f) => (
            <li key={f.key}>
              <a href={routeHref('drift', { finding: f.key, state: 'all' })}>{findingKindLabels[f.kind]}</a>{' '}
              {f.resolvedAt ? `(resolved ${localTime(f.resolvedAt)})` : `(open, ${f.severity})`}
              {f.fixId && !f.resolvedAt ? (
                <span className="muted"> — fix: {fixById(f.fixId)?.title}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
    </section>
  );
}

/** Every stored log entry for the object, newest first, each a link to its Failures entry. */
export function TimelineSection({
  timeline,
  subject,
}: {
  timeline: TimelineEntry[];
  subject: 'person' | 'group';
}) {
  return (
    <section aria-label="Provisioning timeline">
      <h2>Provisioning timeline</h2>
      {timeline.length ? (
        <table className="compact" data-testid="timeline">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={routeHref('failures', { event: t.id, q: t.id })}>
                    {localTime(t.activityDateTime)}
                  </a>
                </td>
                <td>{t.action}</td>
                <td>{provisioningStatusLabels[t.status]}</td>
                <td>{t.cause ? failureCauseLabels[t.cause] : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No stored log entry for this {subject}.</p>
      )}
    </section>
  );
}

/** The verdict first: its stable code and its sentence, with any note about how it was read. */
export function VerdictSection({
  code,
  sentence,
  children,
}: {
  code: string;
  sentence: string;
  children?: ReactNode;
}) {
  return (
    <section className={`verdict verdict-${code}`} aria-label="Verdict">
      <p className="verdict-code">
        <code>{code}</code>
      </p>
      <p className="verdict-sentence" data-testid="verdict">
        {sentence}
      </p>
      {children}
    </section>
  );
}
