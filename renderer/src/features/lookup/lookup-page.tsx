import type { LookupMatch } from '../../../../shared/contract';
import type { PageProps } from '../../navigation/routes';
import { replaceRoute } from '../../navigation/use-route';
import { FilterSearch } from '../../ui/filter-field';
import { GroupExplained } from './group-view';
import { PersonExplained } from './person-view';
import { useMatches } from './lookup-store';

const matchLabel = (m: LookupMatch) =>
  `${m.displayName ?? m.userPrincipalName ?? m.entraId ?? m.scimId}${m.userPrincipalName && m.displayName ? ` — ${m.userPrincipalName}` : ''}${m.kind === 'group' ? ' (group)' : m.kind === 'pulumi_user' ? ' (Pulumi only)' : ''}`;

/** Lookup: one person or group across both sides, the verdict first, then everything it rests on. */
export default function LookupPage({ params }: PageProps) {
  const q = params['q']?.slice(0, 320) ?? '';
  const entraId = params['id'] ?? '';
  const scimId = params['scim'] ?? '';
  const groupId = params['group'] ?? '';
  const matches = useMatches(q);
  const set = (change: Record<string, string>) =>
    replaceRoute('lookup', { q, id: entraId, scim: scimId, group: groupId, ...change });
  const found = matches.data ?? [];
  const chosen = entraId || scimId || groupId;
  return (
    <section className="lookup-page" aria-label="Lookup">
      <h1 className="page-title">Lookup</h1>
      <div className="filters" role="search" aria-label="Find a person or group">
        <FilterSearch
          label="Person or group"
          value={q}
          placeholder="Name, UPN, e-mail, group name, Entra id or SCIM id"
          onChange={(text) => set({ q: text, id: '', scim: '', group: '' })}
        />
      </div>
      {q && !chosen ? (
        <ul className="plain-list matches" data-testid="lookup-matches" aria-live="polite">
          {found.length === 0 && !matches.loading ? (
            <li>Not found: no person or group in Entra or Pulumi matches.</li>
          ) : null}
          {found.map((m) => (
            <li key={`${m.kind}:${m.entraId ?? m.scimId}`}>
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  set(
                    m.kind === 'group'
                      ? { group: m.entraId ?? '' }
                      : { id: m.entraId ?? '', scim: m.entraId ? '' : (m.scimId ?? '') },
                  )
                }
              >
                {matchLabel(m)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {groupId ? <GroupExplained entraId={groupId} /> : null}
      {!groupId && (entraId || scimId) ? <PersonExplained entraId={entraId} scimId={scimId} /> : null}
    </section>
  );
}
