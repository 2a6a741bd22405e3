import { useState } from 'react';

import type { ChecklistOutcome, ChecklistStep, Finding } from '../../../../shared/contract';
import { guideDocFor } from '../../../../shared/fixes/guide-docs';
import { guideStepLabels } from '../../../../shared/labels';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute } from '../../navigation/use-route';
import { FilterSelect } from '../../ui/filter-field';
import { FixView } from '../../ui/fix-view';
import { QueryState } from '../../ui/query-state';
import { relativeTime } from '../../ui/time-text';
import { useFindingFix, useLatestRun } from './configuration-store';
import { ConnectionChecks } from './connection-checks';

const outcomeLabels: Record<ChecklistOutcome, string> = { pass: 'Pass', fail: 'Fail', unknown: 'Unknown' };
const outcomeOptions = (Object.keys(outcomeLabels) as ChecklistOutcome[]).map((value) => ({
  value,
  label: outcomeLabels[value],
}));

function StepFix({ findingKey }: { findingKey: string }) {
  const finding = useFindingFix(findingKey);
  return (
    <QueryState query={finding} empty={<p>The fix is not available.</p>} isEmpty={(f) => !f?.fix}>
      {(f) => (f?.fix ? <FixView fix={f.fix} /> : null)}
    </QueryState>
  );
}

function Step({ step, number, finding }: { step: ChecklistStep; number: number; finding?: Finding }) {
  const [open, setOpen] = useState(step.outcome === 'fail');
  const doc = guideDocFor(step.kind);
  return (
    <li className="step" data-step={step.kind} data-outcome={step.outcome}>
      <div className="step-head">
        <span className="step-number">{number}</span>
        <span className={`outcome outcome-${step.outcome}`}>{outcomeLabels[step.outcome]}</span>
        <span className="step-title">{guideStepLabels[step.kind]}</span>
        {doc ? (
          <a href={doc.url} target="_blank" rel="noreferrer noopener" className="step-guide">
            {doc.title}
          </a>
        ) : null}
      </div>
      <p className="step-evidence">{step.detail}</p>
      {finding ? (
        <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
          <summary>How to fix it</summary>
          {open ? <StepFix findingKey={finding.key} /> : null}
        </details>
      ) : null}
    </li>
  );
}

/** Pulumi's Entra guide as a checklist read from the live schema and settings, and a connection test. */
export default function ConfigurationPage({ params }: PageProps) {
  const run = useLatestRun();
  const outcome = (['pass', 'fail', 'unknown'] as const).find((o) => o === params['outcome']) ?? '';
  return (
    <div className="configuration">
      <section className="card checklist" aria-label="Setup checklist">
        <div className="section-head">
          <h1 className="page-title">Pulumi’s Entra guide, step by step</h1>
          <FilterSelect
            label="Outcome"
            value={outcome}
            options={outcomeOptions}
            onChange={(value) => replaceRoute('configuration', value ? { outcome: value } : {})}
          />
        </div>
        <QueryState
          query={run}
          isEmpty={(snapshot) => snapshot === null}
          empty={
            <p>
              Not checked yet: the checklist is read from the provisioning app’s schema and settings at each
              reconciliation. Set up Entra in Settings, then poll.
            </p>
          }
        >
          {(snapshot) =>
            snapshot ? (
              <>
                <p className="muted">As of the reconciliation {relativeTime(snapshot.run.finishedAt)}.</p>
                <ol className="steps-list" data-testid="checklist">
                  {snapshot.checklist.map((step, i) =>
                    outcome && step.outcome !== outcome ? null : (
                      <Step
                        key={step.kind}
                        step={step}
                        number={i + 1}
                        finding={snapshot.findings.find((f) => f.kind === step.kind)}
                      />
                    ),
                  )}
                </ol>
              </>
            ) : null
          }
        </QueryState>
      </section>
      <ConnectionChecks />
    </div>
  );
}
