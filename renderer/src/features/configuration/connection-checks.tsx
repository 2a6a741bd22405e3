import type { ConnectionCheck } from '../../../../shared/contract';
import { connectionCheckNeeds } from '../../../../shared/connection-needs';
import { localTime } from '../../ui/time-text';
import { useConnectionTest } from './configuration-store';

function CheckList({ title, checks }: { title: string; checks: ConnectionCheck[] }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul className="checks">
        {checks.map((check) => (
          <li key={check.id} className={check.ok ? 'check-ok' : 'check-fail'} data-check={check.id}>
            <span className="check-outcome">{check.ok ? 'Passed' : 'Failed'}</span>
            <span className="check-label">{check.label}</span>
            <span className="check-detail">{check.detail}</span>
            {!check.ok && check.hint ? <span className="check-hint">{check.hint}</span> : null}
            {connectionCheckNeeds[check.id] ? (
              <span className="check-needs">Needs: {connectionCheckNeeds[check.id]}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Runs `connection.test` on the saved settings and shows each probe with what it needs. */
export function ConnectionChecks() {
  const test = useConnectionTest();
  return (
    <section className="card connection" aria-label="Connection">
      <div className="section-head">
        <h2>Connection</h2>
        <button type="button" onClick={test.run} disabled={test.running} aria-busy={test.running}>
          {test.running ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {test.error ? (
        <p role="alert" className="panel-state error">
          {test.error.message} {test.error.hint}
        </p>
      ) : null}
      {test.report ? (
        <div data-testid="connection-report">
          <p className="muted">Tested {localTime(test.report.testedAt)} with the saved settings.</p>
          <CheckList title="Microsoft Entra ID (Graph)" checks={test.report.entra} />
          <CheckList title="Pulumi Cloud" checks={test.report.pulumi} />
        </div>
      ) : (
        <p className="muted">
          Signs in to Graph, finds the provisioning app and reads each endpoint ScimWatch uses; then tries
          Pulumi’s SCIM token the way Entra’s own Test Connection does. Nothing is changed.
        </p>
      )}
    </section>
  );
}
