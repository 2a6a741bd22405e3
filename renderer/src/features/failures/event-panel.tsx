import type { ProvisioningEventDetail } from '../../../../shared/contract';
import { failureCauseLabels, provisioningStatusLabels } from '../../../../shared/labels';
import { routeHref } from '../../navigation/use-route';
import { DetailPanel } from '../../ui/detail-panel';
import { FixView } from '../../ui/fix-view';
import { RetryButton } from '../actions/retry-button';
import { QueryState } from '../../ui/query-state';
import { localTime } from '../../ui/time-text';
import { useEventDetail } from './failures-store';

interface Step {
  name?: unknown;
  provisioningStepType?: unknown;
  status?: unknown;
  description?: unknown;
}
interface ModifiedProperty {
  displayName?: unknown;
  oldValue?: unknown;
  newValue?: unknown;
}

const textOf = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

const listOf = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function EventBody({ event }: { event: ProvisioningEventDetail }) {
  const steps = listOf<Step>(event.entry['provisioningSteps']);
  const properties = listOf<ModifiedProperty>(event.entry['modifiedProperties']);
  return (
    <>
      <dl className="facts">
        <dt>Time</dt>
        <dd>{localTime(event.activityDateTime)}</dd>
        <dt>Status</dt>
        <dd className={`status status-${event.status}`}>{provisioningStatusLabels[event.status]}</dd>
        <dt>Action</dt>
        <dd>
          {event.action} · {event.identityType}
        </dd>
        <dt>Source (Entra)</dt>
        <dd>
          {event.sourceDisplayName ?? '—'} <code>{event.sourceId ?? ''}</code>
        </dd>
        <dt>Target (Pulumi)</dt>
        <dd>
          {event.targetDisplayName ?? '—'} <code>{event.targetId ?? ''}</code>
        </dd>
        {event.cause ? (
          <>
            <dt>Cause</dt>
            <dd data-testid="event-cause">
              {failureCauseLabels[event.cause as keyof typeof failureCauseLabels] ?? event.cause}
            </dd>
          </>
        ) : null}
        {event.errorCode ? (
          <>
            <dt>Error code</dt>
            <dd>
              <code>{event.errorCode}</code>
            </dd>
          </>
        ) : null}
        <dt>Entry</dt>
        <dd>
          <code>{event.id}</code>
        </dd>
      </dl>
      {event.findingKey ? (
        <p>
          <a href={routeHref('drift', { finding: event.findingKey })} data-testid="event-finding">
            Open the finding this entry feeds
          </a>
        </p>
      ) : null}
      {event.reason ? (
        <section aria-label="Reason">
          <h3>Entra’s reason</h3>
          <p className="reason">{event.reason}</p>
        </section>
      ) : null}
      {event.scimError ? (
        <section aria-label="Pulumi's SCIM error" data-testid="scim-error">
          <h3>Pulumi’s answer (SCIM error)</h3>
          <dl className="facts">
            {Object.entries(event.scimError).map(([name, value]) => (
              <div key={name} className="fact">
                <dt>{name}</dt>
                <dd>{textOf(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {event.fix ? <FixView fix={event.fix} /> : null}
      {event.status === 'failure' && event.sourceId && /^(user|group)$/i.test(event.identityType) ? (
        <RetryButton
          entraId={event.sourceId}
          objectType={event.identityType.toLowerCase() === 'group' ? 'group' : 'user'}
          findingKey={event.findingKey ?? undefined}
        />
      ) : null}
      {steps.length ? (
        <section aria-label="Steps">
          <h3>Steps</h3>
          <ol className="steps">
            {steps.map((step, i) => (
              <li key={i} className={`step-${textOf(step.status).toLowerCase()}`}>
                <span className="step-name">
                  {textOf(step.provisioningStepType)} · {textOf(step.status)}
                </span>
                <span>{textOf(step.description)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {properties.length ? (
        <section aria-label="Modified properties">
          <h3>Modified properties</h3>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Property</th>
                <th scope="col">Old value</th>
                <th scope="col">New value</th>
              </tr>
            </thead>
            <tbody>
              {properties.map((p, i) => (
                <tr key={i}>
                  <td>{textOf(p.displayName)}</td>
                  <td>{textOf(p.oldValue)}</td>
                  <td>{textOf(p.newValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

/** One log entry in full: what Entra did, what Pulumi answered, why, and the fix. */
export function EventPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useEventDetail(id);
  return (
    <DetailPanel label="Log entry" onClose={onClose}>
      <QueryState
        query={detail}
        isEmpty={(event) => event === null}
        empty={<p>This entry is no longer stored. It may have been compacted; pick another row.</p>}
      >
        {(event) => (event ? <EventBody event={event} /> : null)}
      </QueryState>
    </DetailPanel>
  );
}
