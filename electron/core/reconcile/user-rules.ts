import { provisioningUpn } from '../../../shared/entra-rules';
import { mappedValue, type AttributeRule } from './live-schema';
import type { EntraUserRow, PulumiUserRow } from './reconcile-input';
import type { RuleContext } from './rule-context';

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

/**
 * Users, Entra's side against Pulumi's: who should exist and be active, with which values, and
 * which data will fail before Entra pushes it.
 */
export function userRules(context: RuleContext): void {
  const { input, scope, users, findings } = context;
  const rule = context.schema?.users;
  if (!rule?.enabled) return;
  const mapping = (target: string): AttributeRule | undefined =>
    rule.attributes.find((a) => a.target === target);
  const emailRule = mapping('emails[type eq "work"].value');
  const userNameRule = mapping('userName');
  const activeRule = mapping('active');
  // Applied only on creation, a mapping is never compared afterwards.
  const comparedRules = comparedAttributes.flatMap((compared) => {
    const attribute = mapping(compared.target);
    return attribute && attribute.flowType !== 'ObjectAddOnly' ? [{ compared, attribute }] : [];
  });

  /** The Pulumi account paired with the Entra user at index u, if any. */
  const pairedWith = (u: number) => input.pulumiUsers[users.pulumiOf[u] ?? -1];
  // Pulumi allows one account per email. Only an unpaired user can be refused for it, so only the
  // emails of unpaired in-scope users are contested; who shares them is gathered after the pass.
  const emailKeys: (string | undefined)[] = new Array<string | undefined>(input.entraUsers.length);
  const contested = new Map<string, number[]>();
  input.entraUsers.forEach((user, u) => {
    const inScope = scope.userFlags[u] === 1;
    const enabled = user.accountEnabled !== 0;
    const pulumi = pairedWith(u);
    const source = sourceOf(user);
    const subject = { entraId: user.id, scimId: pulumi?.id, displayName: nameOf(user) };
    const email = emailRule ? mappedValue(emailRule, source, false) : undefined;
    if (inScope && email) {
      const key = email.toLowerCase();
      emailKeys[u] = key;
      if (!pulumi) contested.set(key, []);
    }

    // Pre-flight: Entra cannot create a user without the email Pulumi requires.
    if (inScope && enabled && !pulumi && (email === null || email === ''))
      findings.add('user.missing_email', subject, {
        userPrincipalName: user.userPrincipalName,
        mail: user.mail,
        emailSource: emailRule?.source ?? null,
      });
    if (!context.pulumiKnown) return;
    if (inScope && enabled && !pulumi) {
      if (rule.flowTypes.has('Add'))
        findings.add('user.missing_in_pulumi', subject, {
          userPrincipalName: user.userPrincipalName,
          mail: user.mail,
          entra: { inScope, accountEnabled: true },
          pulumi: null,
        });
      return;
    }
    if (!pulumi) return;

    // Out of scope with SkipOutOfScopeDeletions: Entra deliberately leaves the account as it is.
    const softDeleted = !enabled || !inScope;
    const expectedActive =
      !inScope && scope.skipOutOfScopeDeletions
        ? undefined
        : activeRule && mappedValue(activeRule, source, softDeleted);
    const active = pulumi.active ? 'True' : 'False';
    const evidence = () => ({
      entra: { inScope, accountEnabled: enabled },
      pulumi: { userName: pulumi.userName, active: Boolean(pulumi.active) },
    });
    if (expectedActive === 'False' && active === 'True')
      findings.add('user.not_deprovisioned', subject, evidence());
    if (expectedActive === 'True' && active === 'False')
      findings.add('user.inactive_in_pulumi', subject, evidence());
    if (!inScope || !rule.flowTypes.has('Update')) return;

    for (const { compared, attribute } of comparedRules) {
      const expected = mappedValue(attribute, source, softDeleted);
      const actual = compared.actual(pulumi);
      if (expected === undefined || same(expected, actual, compared.caseless)) continue;
      findings.add(
        'user.attribute_mismatch',
        { ...subject, part: compared.target },
        { attribute: compared.target, expected, actual, source: attribute.source || attribute.expression },
      );
    }
    const expectedUserName = userNameRule && mappedValue(userNameRule, source, softDeleted);
    if (expectedUserName && !same(expectedUserName, pulumi.userName, true)) {
      findings.add(
        'user.username_diverged',
        subject,
        {
          attribute: 'userName',
          expected: expectedUserName,
          actual: pulumi.userName,
          flowType: userNameRule?.flowType,
        },
        // Create-only (the guide) makes this expected; applied always, every update of the user fails.
        { severity: userNameRule?.flowType === 'ObjectAddOnly' ? 'info' : 'warning' },
      );
    }
  });

  // Of several in-scope users sharing an email, only the first can be created.
  emailKeys.forEach((key, u) => {
    if (key !== undefined) contested.get(key)?.push(u);
  });
  for (const sharing of contested.values()) {
    if (sharing.length < 2) continue;
    const holder = sharing.map(pairedWith).find(Boolean);
    for (const u of sharing) {
      const user = input.entraUsers[u];
      if (!user || pairedWith(u) || user.accountEnabled === 0) continue;
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

  if (!context.pulumiKnown) return;
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
