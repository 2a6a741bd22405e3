import type { GroupExplanation, LookupMatch, PersonExplanation } from '../../../shared/contract';
import { failureCauseLabels, findingKindLabels, groupMemberStateLabels } from '../../../shared/labels';
import { CoreHost } from '../../core/core-host';
import { exitCodes } from '../exit-codes';
import { print } from '../output';

/**
 * `scimwatch explain <name | UPN | email | Entra id | SCIM id> [--json]`: one match is explained
 * (verdict first, then the evidence); several are listed to choose from; none exits 1.
 */
export async function explainCommand(flags: { query: string; json: boolean }): Promise<number> {
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    const matches = await core.call('lookup.find', { text: flags.query });
    if (matches.length === 0) {
      if (flags.json) print(JSON.stringify({ verdict: { code: 'not_found' }, matches: [] }));
      else print(`Not found: no person or group in Entra or Pulumi matches "${flags.query}".`);
      return exitCodes.error;
    }
    if (matches.length !== 1) {
      if (flags.json) print(JSON.stringify({ matches }));
      else {
        print(`${matches.length} matches; ask again with one of their ids:`);
        for (const m of matches) print(`  ${describe(m)}`);
      }
      return exitCodes.ok;
    }
    const [match] = matches as [LookupMatch];
    if (match.kind === 'group') {
      const group = await core.call('lookup.group', { entraId: match.entraId ?? '' });
      if (flags.json) print(JSON.stringify(group));
      else printGroup(group);
      return exitCodes.ok;
    }
    const person = match;
    const ask = () =>
      core.call(
        'lookup.explain',
        person.entraId ? { entraId: person.entraId } : { scimId: person.scimId ?? '' },
      );
    let explanation = await ask();
    // The store cannot tell a nested-only member from an unassigned one: Graph is asked, then the store.
    if (
      person.entraId &&
      explanation.verdict.code === 'not_assigned' &&
      !explanation.evidence.assignment?.nestedChecked
    ) {
      await core.call('lookup.nested', { entraId: person.entraId });
      explanation = await ask();
    }
    if (flags.json) print(JSON.stringify(explanation));
    else printExplanation(explanation);
    return exitCodes.ok;
  } finally {
    await core.close();
  }
}

const describe = (m: LookupMatch) =>
  `${m.kind === 'group' ? 'group' : m.kind === 'pulumi_user' ? 'Pulumi only' : 'person'} ${m.displayName ?? ''} ${m.userPrincipalName ?? ''} ${m.entraId ?? m.scimId ?? ''}`.replace(
    /\s+/g,
    ' ',
  );

function printExplanation(e: PersonExplanation): void {
  print(`${e.verdict.code}: ${e.verdict.sentence}`);
  for (const read of e.evidence.readFromGraph) print(`  (read from Graph for this question: ${read})`);
  const { entra, assignment, pulumi, teams, timeline } = e.evidence;
  if (entra)
    print(
      `Entra: ${entra.userPrincipalName ?? '—'}, mail ${entra.mail ?? 'none'}, ${entra.accountEnabled === false ? 'disabled' : 'enabled'}${entra.userType ? `, ${entra.userType}` : ''}`,
    );
  if (assignment)
    print(
      `Scope: ${assignment.syncAll ? 'all users and groups' : 'assigned only'}; ${assignment.direct ? 'assigned directly' : 'not assigned directly'}${assignment.viaGroups.length ? `; through ${assignment.viaGroups.map((g) => g.displayName ?? g.id).join(', ')}` : ''}${assignment.scopingFilter ? '; a scoping filter applies' : ''}`,
    );
  print(
    pulumi
      ? `Pulumi: ${pulumi.userName} (${pulumi.active ? 'active' : 'inactive'}), email ${pulumi.email ?? 'none'}, SCIM id ${pulumi.id}${pulumi.linkedBy ? `, linked by ${pulumi.linkedBy}` : ''}`
      : 'Pulumi: no account',
  );
  print(
    `Groups in Entra: ${teams.entraGroups.join(', ') || 'none'}; teams in Pulumi: ${teams.pulumiTeams.join(', ') || 'none'}`,
  );
  if (timeline.length) print(`Log (${timeline.length} entries, newest first):`);
  for (const entry of timeline.slice(0, 10))
    print(
      `  ${entry.activityDateTime} ${entry.action} ${entry.status}${entry.cause ? ` — ${failureCauseLabels[entry.cause]}` : ''}`,
    );
  for (const f of e.findings) print(`${f.resolvedAt ? 'Resolved' : 'Open'}: ${findingKindLabels[f.kind]}`);
}

function printGroup(e: GroupExplanation): void {
  print(`${e.verdict.code}: ${e.verdict.sentence}`);
  const { entra, team, name, members, lastPush } = e.evidence;
  if (entra)
    print(
      `Entra: ${entra.displayName ?? '—'}, ${entra.assigned ? 'assigned' : entra.syncAll ? 'synced as all groups are' : 'not assigned'}, ${entra.userMembers} user member(s)${entra.nestedGroups.length ? `, nested groups Entra ignores: ${entra.nestedGroups.map((g) => g.displayName ?? g.id).join(', ')}` : ''}`,
    );
  print(
    team
      ? `Pulumi: team ${team.name} (${team.kind ?? 'kind unknown without an access token'}), ${team.members} member(s), SCIM id ${team.scimId}`
      : 'Pulumi: no team',
  );
  print(`Name: ${name.length} of ${name.limit} characters`);
  print(
    `Members: ${
      Object.entries(members.counts)
        .filter(([, n]) => n > 0)
        .map(
          ([state, n]) =>
            `${n} ${groupMemberStateLabels[state as keyof typeof members.counts].toLowerCase()}`,
        )
        .join('; ') || 'none'
    }`,
  );
  for (const m of members.listed
    .filter((m) => m.state !== 'in_team' && m.state !== 'not_pushed')
    .slice(0, 20))
    print(`  ${m.name}: ${groupMemberStateLabels[m.state]}`);
  if (lastPush) print(`Last push: ${lastPush.activityDateTime} ${lastPush.action} ${lastPush.status}`);
  for (const f of e.findings) print(`${f.resolvedAt ? 'Resolved' : 'Open'}: ${findingKindLabels[f.kind]}`);
}
