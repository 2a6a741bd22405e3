import { useRef, useState } from 'react';

import type { ActionRow, ApiError, JobState, ResetScope } from '../../../../shared/contract';
import { resetScopes } from '../../../../shared/contract/actions';
import { actionStateLabels, jobActionExplanations, resetScopeLabels } from '../../../../shared/labels';
import { api } from '../../api/client';
import { useStatusStore } from '../../state/status-store';

type JobAction = 'start' | 'pause' | 'restart';

const titles: Record<JobAction, string> = { start: 'Start', pause: 'Pause', restart: 'Restart' };

/**
 * Start, pause or restart the job, each behind a confirmation that says what it does in plain words;
 * a restart lists the reset scopes with what each clears (none chosen is the portal's plain restart).
 */
export function JobActions({ state }: { state: JobState }) {
  const access = useStatusStore((s) => s.status?.actions);
  const dialog = useRef<HTMLDialogElement>(null);
  const [action, setAction] = useState<JobAction>('restart');
  const [scopes, setScopes] = useState<ReadonlySet<ResetScope>>(new Set());
  const [result, setResult] = useState<ActionRow | ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const open = (chosen: JobAction) => {
    setAction(chosen);
    setScopes(new Set());
    dialog.current?.showModal();
  };
  const confirm = async () => {
    setBusy(true);
    try {
      setResult(await api.job.run({ action, resetScopes: action === 'restart' ? [...scopes] : [] }));
    } catch (error) {
      setResult(error as ApiError);
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  const offered: JobAction[] =
    state === 'paused' || state === 'quarantined' ? ['start', 'restart'] : ['pause', 'restart'];
  return (
    <div className="job-actions" role="group" aria-label="Job actions">
      {offered.map((a) => (
        <button
          key={a}
          type="button"
          disabled={!access?.allowed}
          onClick={() => open(a)}
          data-testid={`job-${a}`}
        >
          {titles[a]}…
        </button>
      ))}
      {!access?.allowed && access?.reason ? <span className="muted small">{access.reason}</span> : null}
      {result ? (
        <span role="status" data-testid="job-result" className={'code' in result ? 'error' : ''}>
          {'code' in result
            ? `${result.message} ${result.hint}`
            : `${actionStateLabels[result.state]}: ${result.message}`}
        </span>
      ) : null}
      <dialog ref={dialog} aria-labelledby="job-dialog-title" className="confirm-dialog">
        <h2 id="job-dialog-title">{titles[action]} the provisioning job?</h2>
        <p>{jobActionExplanations[action]}</p>
        {action === 'restart' ? (
          <fieldset>
            <legend>Reset scopes (optional)</legend>
            {resetScopes.map((scope) => (
              <label key={scope} className="check">
                <input
                  type="checkbox"
                  checked={scopes.has(scope)}
                  onChange={(event) => {
                    const next = new Set(scopes);
                    if (event.target.checked) next.add(scope);
                    else next.delete(scope);
                    setScopes(next);
                  }}
                />
                <span>
                  <strong>{scope}</strong>: {resetScopeLabels[scope]}
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <p className="muted small">Recorded in Actions as {access?.actor ?? 'you'}.</p>
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void confirm()}
            data-testid="job-confirm"
          >
            {titles[action]}
          </button>
        </div>
      </dialog>
    </div>
  );
}
