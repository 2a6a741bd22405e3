import type { PulumiRestClient } from '../pulumi/rest-client';
import type { PulumiTeamInfo } from '../pulumi/rest-types';
import type { PulumiScimClient } from '../pulumi/scim-client';
import { saveDocument } from '../store/source-documents-repo';
import { isoNow, type CollectContext } from './collect-context';
import { ObjectKeys } from '../store/object-keys';
import { crashPoint } from './crash-points';

export interface PulumiScimResult {
  users: number;
  groups: number;
}

/** What Pulumi's SCIM service holds, read in full each pass (it has no delta) and replaced in one transaction. */
export async function collectPulumiScim(
  scim: PulumiScimClient,
  context: CollectContext,
): Promise<PulumiScimResult> {
  const { db } = context;
  const [users, groups] = [await scim.listUsers(), await scim.listGroups()];
  db.transaction(() => {
    db.prepare('DELETE FROM pulumi_users').run();
    const keys = new ObjectKeys(db);
    const user = db.prepare(
      `INSERT OR REPLACE INTO pulumi_users (id, key, user_name, email, display_name, given_name, family_name,
        active, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const u of users) {
      const email =
        u.emails?.find((e) => e.type === 'work') ?? u.emails?.find((e) => e.primary) ?? u.emails?.[0];
      user.run(
        u.id,
        keys.of(u.id),
        u.userName,
        email?.value ?? null,
        u.displayName ?? null,
        u.name?.givenName ?? null,
        u.name?.familyName ?? null,
        u.active ? 1 : 0,
        JSON.stringify(u),
      );
    }
    crashPoint('pulumi.in-transaction');
    db.prepare('DELETE FROM pulumi_groups').run();
    db.prepare('DELETE FROM pulumi_group_members').run();
    const group = db.prepare('INSERT OR REPLACE INTO pulumi_groups (id, display_name, raw) VALUES (?, ?, ?)');
    const member = db.prepare(
      'INSERT OR IGNORE INTO pulumi_group_members (group_id, member_id, member_key) VALUES (?, ?, ?)',
    );
    for (const g of groups) {
      group.run(g.id, g.displayName, JSON.stringify(g));
      for (const m of g.members ?? []) member.run(g.id, m.value, keys.of(m.value));
    }
  })();
  return { users: users.length, groups: groups.length };
}

/** The audit-log event Pulumi writes when a SCIM call brings a wrong token. */
const scimAuthFailure = 'auth-failure-scim-access-token';
const auditLookbackSeconds = 24 * 3600;

/**
 * With an access token: teams with their kind, members with roles, the SAML/SCIM flags, SAML admins,
 * and the audit log's SCIM token failures (Pulumi rate-limits the audit log, so only the last day).
 */
export async function collectPulumiRest(
  rest: PulumiRestClient,
  context: CollectContext,
): Promise<{ teams: number }> {
  const { db, clock } = context;
  const now = Math.floor(clock.now() / 1000);
  const [teams, members, organization, samlAdmins, audit] = [
    await rest.teams(),
    await rest.members(),
    await rest.organization(),
    await rest.samlAdmins().catch(() => null),
    await rest.auditLog(now - auditLookbackSeconds, now).catch(() => null),
  ];
  // The list may leave members out; each team's own page has them (one request per team, in turn).
  const detailed: PulumiTeamInfo[] = [];
  for (const team of teams) detailed.push(team.members ? team : await rest.team(team.name));
  const at = isoNow(clock);
  db.transaction(() => {
    db.prepare('DELETE FROM pulumi_teams').run();
    const team = db.prepare(
      'INSERT OR REPLACE INTO pulumi_teams (name, display_name, kind, raw) VALUES (?, ?, ?, ?)',
    );
    for (const t of detailed) team.run(t.name, t.displayName ?? t.name, t.kind ?? null, JSON.stringify(t));
    db.prepare('DELETE FROM pulumi_org_members').run();
    const member = db.prepare(
      'INSERT OR REPLACE INTO pulumi_org_members (login, role, email, raw) VALUES (?, ?, ?, ?)',
    );
    for (const m of members) member.run(m.user.githubLogin, m.role, m.user.email ?? null, JSON.stringify(m));
    saveDocument(db, 'pulumi.organization', { features: organization.features ?? null }, at);
    if (samlAdmins) saveDocument(db, 'pulumi.samlAdmins', samlAdmins, at);
    const failure = db.prepare(
      'INSERT OR IGNORE INTO pulumi_auth_failures (timestamp, event, description) VALUES (?, ?, ?)',
    );
    for (const event of audit ?? [])
      if (event.event === scimAuthFailure) failure.run(event.timestamp, event.event, event.description ?? '');
  })();
  return { teams: teams.length };
}
