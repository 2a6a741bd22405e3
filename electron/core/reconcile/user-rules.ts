import { provisioningUpn } from '../../../shared/entra-rules';
import { mappedValue, type AttributeRule, type ObjectRule } from './live-schema';
import type { EntraUserRow, PulumiUserRow } from './reconcile-input';
import type { RuleContext } from './rule-context';
import { scopeIn, scopeUnknown } from './scope';

/** The attributes compared besides userName and active, with how Pulumi's side is read. */
const comparedAttributes: {
  target: string;
  actual: (p: PulumiUserRow) => string | null;
  caseless?: boolean;
}[] = [
  { target: 'displayName', actual: (p) => p.displayName },
  { target: 'emails[type eq "work"].value', actual: (p) => p.email, caseless: true },
  { target: 'name.givenName', actual: (p) => p.givenName },
  { target: 'name.familyName', actual: (p) => p.familyName },
];

/** Source attributes ScimWatch collects; any other source makes a mapped value unknown. */
function sourceOf(user: EntraUserRow) {
  return (attribute: string): string | null | undefined => {
    switch (attribute) {
      case 'userPrincipalName':
        return user.userPrincipalName && provisioningUpn(user.userPrincipalName);
      case 'mail':
        return user.mail;
      case 'displayName':
        return user.displayName;
      case 'givenName':
        return user.givenName;
      case 'surname':
        return user.surname;
      case 'objectId':
        return user.id;
      default:
        return undefined;
    }
  };
}

const nameOf = (user: EntraUserRow) => user.displayName || user.userPrincipalName || user.id;
const same = (a: string | null, b: string | null, caseless = false) =>
  caseless ? (a ?? '').toLowerCase() === (b ?? '').toLowerCase() : (a ?? '') === (b ?? '');

/** The user mappings the rules read, found once per run. */
interface UserMappings {
  rule: ObjectRule;
  email: AttributeRule | undefined;
  userName: AttributeRule | undefined;
  active: AttributeRule | undefined;
  /** Compared attributes (applied only on creation, a mapping is never compared afterwards). */
  compared: { compared: (typeof comparedAttributes)[number]; attribute: AttributeRule }[];
}

function userMappings(rule: ObjectRule): UserMappings {
  const mapping = (target: string): AttributeRule | undefined =>
    rule.attributes.find((a) => a.target === target);
  return {
    rule,
    email: mapping('emails[type eq "work"].value'),
    userName: mapping('userName'),
    active: mapping('active'),
    compared: comparedAttributes.flatMap((compared) => {
      const attribute = mapping(compared.target);
      return attribute && attribute.flowType !== 'ObjectAddOnly' ? [{ compared, attribute }] : [];
    }),
  };
}

/** One Entra user as every per-user check sees it. */
interface UserCase {
  user: EntraUserRow;
  inScope: boolean;
  enabled: boolean;
  pulumi: PulumiUserRow | undefined;
  source: ReturnType<typeof sourceOf>;
  subject: { entraId: string; scimId: string | undefined; displayName: string };
}

/** The Pulumi account paired with the Entra user at index u, if any. */
const pairedWith = (context: RuleContext, u: number) =>
  context.input.pulumiUsers[context.users.pulumiOf[u] ?? -1];

/**
 * Whether the user exists where Entra means it to: the email Pulumi requires (pre-flight), then an
 * account. Returns the paired account when the remaining checks apply.
 */
function presence(context: RuleContext, maps: UserMappings, c: UserCase, email: string | null | undefined) {
  const { findings } = context;
  const { user, inScope, enabled, pulumi, subject } = c;
  // Pre-flight: Entra cannot create a user without the email Pulumi requires.
  if (inScope && enabled && !pulumi && (email === null || email === ''))
    findings.add('user.missing_email', subject, {
      userPrincipalName: user.userPrincipalName,
      mail: user.mail,
      emailSource: maps.email?.source ?? null,
    });
  if (!context.pulumiKnown) return undefined;
  if (inScope && enabled && !pulumi && maps.rule.flowTypes.has('Add'))
    findings.add('user.missing_in_pulumi', subject, {
      userPrincipalName: user.userPrincipalName,
      mail: user.mail,
      entra: { inScope, accountEnabled: true },
      pulumi: null,
    });
  return pulumi;
}

/** Whether the account is active exactly when Entra means it to be. */
function activeState(context: RuleContext, maps: UserMappings, c: UserCase, pulumi: PulumiUserRow): void {
  const { inScope, enabled, source, subject } = c;
  // Out of scope with SkipOutOfScopeDeletions: Entra deliberately leaves the account as it is.
  const softDeleted = !enabled || !inScope;
  const expectedActive =
    !inScope && context.scope.skipOutOfScopeDeletions
      ? undefined
      : maps.active && mappedValue(maps.active, source, softDeleted);
  const active = pulumi.active ? 'True' : 'False';
  const evidence = () => ({
    entra: { inScope, accountEnabled: enabled },
    pulumi: { userName: pulumi.userName, active: Boolean(pulumi.active) },
  });
  if (expectedActive === 'False' && active === 'True')
    context.findings.add('user.not_deprovisioned', subject, evidence());
  if (expectedActive === 'True' && active === 'False')
    context.findings.add('user.inactive_in_pulumi', subject, evidence());
}

/** Whether the account holds the values Entra's mappings produce (only where Entra updates it). */
function attributeDrift(context: RuleContext, maps: UserMappings, c: UserCase, pulumi: PulumiUserRow): void {
  const { findings } = context;
  const { source, subject } = c;
  const softDeleted = !c.enabled || !c.inScope;
  for (const { compared, attribute } of maps.compared) {
    const expected = mappedValue(attribute, source, softDeleted);
    const actual = compared.actual(pulumi);
    if (expected === undefined || same(expected, actual, compared.caseless)) continue;
    findings.add(
      'user.attribute_mismatch',
      { ...subject, part: compared.target },
      { attribute: compared.target, expected, actual, source: attribute.source || attribute.expression },
    );
  }
  const expectedUserName = maps.userName && mappedValue(maps.userName, source, softDeleted);
  if (expectedUserName && !same(expectedUserName, pulumi.userName, true)) {
    findings.add(
      'user.username_diverged',
      subject,
      {
        attribute: 'userName',
        expected: expectedUserName,
        actual: pulumi.userName,
        flowType: maps.userName?.flowType,
      },
      // Create-only (the guide) makes this expected; applied always, every update of the user fails.
      { severity: maps.userName?.flowType === 'ObjectAddOnly' ? 'info' : 'warning' },
    );
  }
}

/**
 * Of several in-scope users sharing an email, only the first can be created (Pulumi allows one
 * account per email). Only an unpaired user can be refused for it, so only unpaired users' emails
 * are contested.
 */
function duplicateEmails(
  context: RuleContext,
  emailKeys: (string | undefined)[],
  contested: Map<string, number[]>,
) {
  const { input, findings } = context;
  emailKeys.forEach((key, u) => {
    if (key !== undefined) contested.get(key)?.push(u);
  });
  for (const sharing of contested.values()) {
    if (sharing.length < 2) continue;
    const holder = sharing.map((u) => pairedWith(context, u)).find(Boolean);
    for (const u of sharing) {
      const user = input.entraUsers[u];
      if (!user || pairedWith(context, u) || user.accountEnabled === 0) continue;
      findings.add(
        'user.duplicate_email',
        { entraId: user.id, displayName: nameOf(user) },
        {
          email: user.mail,
          sharedWith: sharing
            .filter((other) => other !== u)
            .map((other) => input.entraUsers[other]?.userPrincipalName),
          heldInPulumiBy: holder?.userName ?? null,
        },
      );
    }
  }
}

/** Active accounts no Entra user accounts for, and accounts whose Entra user was deleted. */
function orphanedAccounts(context: RuleContext): void {
  const { input, users, scope, findings } = context;
  input.pulumiUsers.forEach((pulumi, p) => {
    if (users.paired[p] || !pulumi.active) return;
    findings.add(
      'user.unmatched_in_pulumi',
      { scimId: pulumi.id, displayName: pulumi.displayName || pulumi.userName },
      { pulumi: { userName: pulumi.userName, email: pulumi.email, active: true }, entra: null },
    );
  });
  // A link to an Entra user that no longer exists: deleted in Entra, so the account should be inactive.
  for (const [entraId, p] of users.deletedLinks) {
    const pulumi = input.pulumiUsers[p];
    if (!pulumi?.active || scope.skipOutOfScopeDeletions) continue;
    findings.add(
      'user.not_deprovisioned',
      { entraId, scimId: pulumi.id, displayName: pulumi.displayName || pulumi.userName },
      { entra: { deleted: true }, pulumi: { userName: pulumi.userName, active: true } },
    );
  }
}

/**
 * Users, Entra's side against Pulumi's: who should exist and be active, with which values, and
 * which data will fail before Entra pushes it. One pass over Entra's users, then the passes that
 * need all of them (shared emails) or Pulumi's side alone (orphaned accounts).
 */
export function userRules(context: RuleContext): void {
  const { input, scope } = context;
  const rule = context.schema?.users;
  if (!rule?.enabled) return;
  const maps = userMappings(rule);
  const emailKeys: (string | undefined)[] = new Array<string | undefined>(input.entraUsers.length);
  const contested = new Map<string, number[]>();
  input.entraUsers.forEach((user, u) => {
    const pulumi = pairedWith(context, u);
    const source = sourceOf(user);
    const c: UserCase = {
      user,
      inScope: scope.userFlags[u] === scopeIn,
      enabled: user.accountEnabled !== 0,
      pulumi,
      source,
      subject: { entraId: user.id, scimId: pulumi?.id, displayName: nameOf(user) },
    };
    const email = maps.email ? mappedValue(maps.email, source, false) : undefined;
    if (c.inScope && email) {
      const key = email.toLowerCase();
      emailKeys[u] = key;
      if (!pulumi) contested.set(key, []);
    }
    const paired = presence(context, maps, c, email);
    // Behind a scoping filter ScimWatch cannot evaluate, Entra may mean either state: claim nothing.
    if (!paired || scope.userFlags[u] === scopeUnknown) return;
    activeState(context, maps, c, paired);
    if (c.inScope && rule.flowTypes.has('Update')) attributeDrift(context, maps, c, paired);
  });
  duplicateEmails(context, emailKeys, contested);
  if (context.pulumiKnown) orphanedAccounts(context);
}
