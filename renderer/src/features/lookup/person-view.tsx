import { useEffect, useState } from 'react';

import type { PersonExplanation } from '../../../../shared/contract';
import { api } from '../../api/client';
import { QueryState } from '../../ui/query-state';
import { RetryButton } from '../actions/retry-button';
import { FindingsSection, TimelineSection, VerdictSection } from './lookup-sections';
import { useExplanation } from './lookup-store';

/** One person explained; a not-assigned verdict asks Graph once whether a nested group is the reason. */
export function PersonExplained({ entraId, scimId }: { entraId: string; scimId: string }) {
  // The person whose nested groups Graph has answered for (then the store is asked again).
  const [nestedReadFor, setNestedReadFor] = useState<string | null>(null);
  const done = nestedReadFor === entraId;
  const explanation = useExplanation(entraId, scimId, done ? 1 : 0);
  const data = explanation.data;
  const needsNested =
    Boolean(entraId) && data?.verdict.code === 'not_assigned' && !data.evidence.assignment?.nestedChecked;
  // The store cannot tell nested-only from unassigned: Graph is asked once, then the store answers again.
  useEffect(() => {
    if (!needsNested || done) return;
    let current = true;
    void api.lookup
      .nested({ entraId })
      .catch(() => undefined)
      .finally(() => {
        if (current) setNestedReadFor(entraId);
      });
    return () => {
      current = false;
    };
  }, [needsNested, done, entraId]);
  return (
    <QueryState query={explanation} empty={<p>Nothing to explain.</p>}>
      {(e) => <ExplanationView e={e} reading={needsNested && !done} />}
    </QueryState>
  );
}

function ExplanationView({ e, reading }: { e: PersonExplanation; reading: boolean }) {
  const { entra, assignment, pulumi, teams, timeline, readFromGraph } = e.evidence;
  return (
    <article className="explanation" data-testid="explanation" data-verdict={e.verdict.code}>
      <VerdictSection code={e.verdict.code} sentence={e.verdict.sentence}>
        {reading ? <p className="muted">Reading nested group membership from Graph…</p> : null}
        {readFromGraph.length ? (
          <p className="muted small">Read from Graph for this question: {readFromGraph.join('; ')}.</p>
        ) : null}
      </VerdictSection>
      <div className="evidence-grid">
        <section aria-label="Entra">
          <h2>Entra</h2>
          {entra ? (
            <dl className="facts">
              <dt>UPN</dt>
              <dd>{entra.userPrincipalName ?? '—'}</dd>
              <dt>Mail</dt>
              <dd>{entra.mail ?? 'none'}</dd>
              <dt>Account</dt>
              <dd>{entra.accountEnabled === false ? 'Disabled' : 'Enabled'}</dd>
              <dt>Type</dt>
              <dd>{entra.userType ?? '—'}</dd>
            </dl>
          ) : (
            <p>No Entra person.</p>
          )}
        </section>
        <section aria-label="Scope">
          <h2>Scope</h2>
          {assignment ? (
            <ul className="plain-list">
              <li>
                {assignment.syncAll
                  ? 'The app syncs all users and groups.'
                  : 'The app syncs assigned users and groups only.'}
              </li>
              <li>{assignment.direct ? 'Assigned directly.' : 'Not assigned directly.'}</li>
              {assignment.viaGroups.map((g) => (
                <li key={g.id}>Member of the assigned group {g.displayName ?? g.id}.</li>
              ))}
              {assignment.nestedVia.map((g) => (
                <li key={g.id}>
                  Inside {g.displayName ?? g.id} only through {g.through}, which Entra ignores.
                </li>
              ))}
              {assignment.scopingFilter ? <li>A scoping filter applies to users.</li> : null}
            </ul>
          ) : (
            <p>—</p>
          )}
        </section>
        <section aria-label="Pulumi">
          <h2>Pulumi</h2>
          {pulumi ? (
            <dl className="facts">
              <dt>userName</dt>
              <dd>{pulumi.userName}</dd>
              <dt>Email</dt>
              <dd>{pulumi.email ?? 'none'}</dd>
              <dt>Active</dt>
              <dd>{pulumi.active ? 'Yes' : 'No'}</dd>
              <dt>SCIM id</dt>
              <dd>
                <code>{pulumi.id}</code>
              </dd>
              <dt>Linked by</dt>
              <dd>{pulumi.linkedBy ?? 'userName match'}</dd>
            </dl>
          ) : (
            <p>No Pulumi account.</p>
          )}
        </section>
        <section aria-label="Groups and teams">
          <h2>Groups and teams</h2>
          <p>Entra groups: {teams.entraGroups.join(', ') || 'none'}</p>
          <p>Pulumi teams: {teams.pulumiTeams.join(', ') || 'none'}</p>
        </section>
      </div>
      {e.subject.entraId && e.verdict.code === 'failed' ? (
        <RetryButton entraId={e.subject.entraId} objectType="user" />
      ) : null}
      <FindingsSection findings={e.findings} />
      <TimelineSection timeline={timeline} subject="person" />
    </article>
  );
}
