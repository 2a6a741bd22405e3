import { useEffect, useState } from 'react';

import type { LookupMatch, PersonExplanation } from '../../../../shared/contract';
import { failureCauseLabels, findingKindLabels, provisioningStatusLabels } from '../../../../shared/labels';
import { api } from '../../api/client';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute, routeHref } from '../../navigation/use-route';
import { FilterSearch } from '../../ui/filter-field';
import { QueryState } from '../../ui/query-state';
import { localTime } from '../../ui/time-text';
import { RetryButton } from '../actions/retry-button';
import { useExplanation, useMatches } from './lookup-store';

const matchLabel = (m: LookupMatch) =>
  `${m.displayName ?? m.userPrincipalName ?? m.entraId ?? m.scimId}${m.userPrincipalName && m.displayName ? ` — ${m.userPrincipalName}` : ''}${m.kind === 'group' ? ' (group)' : m.kind === 'pulumi_user' ? ' (Pulumi only)' : ''}`;

/** Lookup: one person across both sides, the verdict first, then everything it rests on. */
export default function LookupPage({ params }: PageProps) {
  const q = params['q']?.slice(0, 320) ?? '';
  const entraId = params['id'] ?? '';
  const scimId = params['scim'] ?? '';
  const matches = useMatches(q);
  const set = (change: Record<string, string>) =>
    replaceRoute('lookup', { q, id: entraId, scim: scimId, ...change });
  const people = (matches.data ?? []).filter((m) => m.kind !== 'group');
  return (
    <section className="lookup-page" aria-label="Lookup">
      <h1 className="page-title">Lookup</h1>
      <div className="filters" role="search" aria-label="Find a person">
        <FilterSearch
          label="Person"
          value={q}
          placeholder="Name, UPN, e-mail, Entra id or SCIM id"
          onChange={(text) => set({ q: text, id: '', scim: '' })}
        />
      </div>
      {q && !entraId && !scimId ? (
        <ul className="plain-list matches" data-testid="lookup-matches" aria-live="polite">
          {people.length === 0 && !matches.loading ? (
            <li>Not found: no person in Entra or Pulumi matches.</li>
          ) : null}
          {people.map((m) => (
            <li key={`${m.kind}:${m.entraId ?? m.scimId}`}>
              <button
                type="button"
                className="link-button"
                onClick={() => set({ id: m.entraId ?? '', scim: m.entraId ? '' : (m.scimId ?? '') })}
              >
                {matchLabel(m)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {entraId || scimId ? <Explained entraId={entraId} scimId={scimId} /> : null}
    </section>
  );
}

function Explained({ entraId, scimId }: { entraId: string; scimId: string }) {
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
      <section className={`verdict verdict-${e.verdict.code}`} aria-label="Verdict">
        <p className="verdict-code">
          <code>{e.verdict.code}</code>
        </p>
        <p className="verdict-sentence" data-testid="verdict">
          {e.verdict.sentence}
        </p>
        {reading ? <p className="muted">Reading nested group membership from Graph…</p> : null}
        {readFromGraph.length ? (
          <p className="muted small">Read from Graph for this question: {readFromGraph.join('; ')}.</p>
        ) : null}
      </section>
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
      <section aria-label="Findings">
        <h2>Findings</h2>
        {e.findings.length ? (
          <ul className="plain-list">
            {e.findings.map((f) => (
              <li key={f.key}>
                <a href={routeHref('drift', { finding: f.key, state: 'all' })}>{findingKindLabels[f.kind]}</a>{' '}
                {f.resolvedAt ? `(resolved ${localTime(f.resolvedAt)})` : '(open)'}
              </li>
            ))}
          </ul>
        ) : (
          <p>None.</p>
        )}
      </section>
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
          <p>No stored log entry for this person.</p>
        )}
      </section>
    </article>
  );
}
