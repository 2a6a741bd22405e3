import type { GroupExplanation, GroupMemberState } from '../../../../shared/contract';
import { groupMemberStateLabels, provisioningStatusLabels } from '../../../../shared/labels';
import { routeHref } from '../../navigation/use-route';
import { QueryState } from '../../ui/query-state';
import { localTime } from '../../ui/time-text';
import { RetryButton } from '../actions/retry-button';
import { FindingsSection, TimelineSection, VerdictSection } from './lookup-sections';
import { useGroupExplanation } from './lookup-store';

/** One group explained: its scope, its team, and the group against the team member by member. */
export function GroupExplained({ entraId }: { entraId: string }) {
  const explanation = useGroupExplanation(entraId);
  return (
    <QueryState query={explanation} empty={<p>Nothing to explain.</p>}>
      {(e) => <GroupView e={e} />}
    </QueryState>
  );
}

function GroupView({ e }: { e: GroupExplanation }) {
  const { entra, team, name, members, lastPush, timeline } = e.evidence;
  return (
    <article className="explanation" data-testid="explanation" data-verdict={e.verdict.code}>
      <VerdictSection code={e.verdict.code} sentence={e.verdict.sentence} />
      <div className="evidence-grid">
        <section aria-label="Entra group">
          <h2>Entra group</h2>
          {entra ? (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{entra.displayName ?? '—'}</dd>
              <dt>Scope</dt>
              <dd>
                {entra.assigned
                  ? 'Assigned to the app'
                  : entra.syncAll
                    ? 'All groups are synced'
                    : 'Not assigned'}
              </dd>
              <dt>User members</dt>
              <dd>{entra.userMembers}</dd>
              <dt>Nested groups</dt>
              <dd>
                {entra.nestedGroups.length
                  ? `${entra.nestedGroups.map((g) => g.displayName ?? g.id).join(', ')} (Entra pushes none of their members)`
                  : 'none'}
              </dd>
            </dl>
          ) : (
            <p>No Entra group.</p>
          )}
        </section>
        <section aria-label="Pulumi team">
          <h2>Pulumi team</h2>
          {team ? (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{team.name}</dd>
              <dt>Name length</dt>
              <dd>
                {name.length} of {name.limit} characters
              </dd>
              <dt>Kind</dt>
              <dd>
                {team.kind === null
                  ? 'unknown (add a Pulumi access token to read it)'
                  : team.kind === 'scim'
                    ? 'SCIM (managed by Entra)'
                    : `${team.kind} (Pulumi's own)`}
              </dd>
              <dt>Members</dt>
              <dd>{team.members}</dd>
              <dt>SCIM id</dt>
              <dd>
                <code>{team.scimId}</code>
              </dd>
            </dl>
          ) : (
            <p>
              No team in Pulumi. The group's name is {name.length} of {name.limit} characters.
            </p>
          )}
        </section>
        <section aria-label="Last push">
          <h2>Last push</h2>
          {lastPush ? (
            <p>
              <a href={routeHref('failures', { event: lastPush.id, q: lastPush.id })}>
                {localTime(lastPush.activityDateTime)}
              </a>
              : {lastPush.action}, {provisioningStatusLabels[lastPush.status]}
            </p>
          ) : (
            <p>No stored log entry for this group.</p>
          )}
        </section>
      </div>
      {e.subject.entraId && e.verdict.code === 'failed' ? (
        <RetryButton entraId={e.subject.entraId} objectType="group" />
      ) : null}
      <section aria-label="Members">
        <h2>Members: the group against the team</h2>
        <ul className="plain-list member-counts" data-testid="member-counts">
          {Object.entries(members.counts)
            .filter(([, count]) => count > 0)
            .map(([state, count]) => (
              <li key={state} data-state={state}>
                {groupMemberStateLabels[state as GroupMemberState]}: <strong>{count}</strong>
              </li>
            ))}
          {members.total === 0 ? <li>No user members.</li> : null}
        </ul>
        {members.listed.length > 0 ? (
          <table className="compact" data-testid="members">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {members.listed.map((m) => (
                <tr key={`${m.entraId ?? ''}:${m.scimId ?? ''}`} data-state={m.state}>
                  <td>
                    {m.entraId ? <a href={routeHref('lookup', { id: m.entraId })}>{m.name}</a> : m.name}
                  </td>
                  <td>{groupMemberStateLabels[m.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {members.total > members.listed.length ? (
          <p className="muted small">
            {members.listed.length} of {members.total} listed, exceptions first.
          </p>
        ) : null}
      </section>
      <FindingsSection findings={e.findings} />
      <TimelineSection timeline={timeline} subject="group" />
    </article>
  );
}
