import { findingKindLabels, severityLabels } from '../../../../shared/labels';
import { useSymptoms, type FindingState } from './drift-store';

/** A root finding's symptoms, read when the root is expanded; each opens in the panel. */
export function Symptoms({
  rootKey,
  state,
  onOpen,
}: {
  rootKey: string;
  state: FindingState;
  onOpen: (key: string) => void;
}) {
  const list = useSymptoms(rootKey, state);
  if (list.error) return <p role="alert">{list.error.message}</p>;
  if (!list.data) return <p aria-busy="true">Loading symptoms…</p>;
  return (
    <ul className="symptoms" aria-label="Symptoms" data-testid="symptoms">
      {list.data.map((symptom) => (
        <li key={symptom.key}>
          <button type="button" className="link-button" onClick={() => onOpen(symptom.key)}>
            {symptom.displayName}
          </button>
          <span className="muted">
            {' '}
            {findingKindLabels[symptom.kind]} · {severityLabels[symptom.severity]}
          </span>
        </li>
      ))}
      {list.hasMore ? (
        <li>
          <button type="button" onClick={list.loadMore}>
            Show more symptoms
          </button>
        </li>
      ) : null}
    </ul>
  );
}
