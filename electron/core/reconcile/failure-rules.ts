import type { FailureCause } from '../../../shared/finding-kinds';
import { cloudTeamNameLimit, pulumiUserAttributes } from '../../../shared/pulumi-rules';
import { classifyCause, reportedNameLimit } from '../provisioning/classify-cause';
import type { LatestOutcome } from './reconcile-input';
import type { RuleContext } from './rule-context';

/** Causes Entra retries on its own that often clear without anyone acting. */
const transientCauses = new Set<FailureCause>(['rate_limited', 'target_unavailable']);

/** Entra's reason text, shortened for evidence (it can quote a whole HTTP response). */
function shortReason(reason: string | null): string {
  const text = (reason ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 400 ? `${text.slice(0, 400)}…` : text || 'no reason given';
}

/** What the fix for a cause needs to name, taken from both sides (the failure's own evidence). */
function causeDetails(
  context: RuleContext,
  outcome: LatestOutcome,
  names: { mail: string | null; groupName: string | null },
): Record<string, unknown> {
  switch (outcome.cause) {
    case 'email_in_use':
      return { email: names.mail };
    case 'team_name_too_long': {
      const name = names.groupName ?? outcome.displayName ?? '';
      return { name, length: name.length, limit: reportedNameLimit(outcome.reason) ?? cloudTeamNameLimit };
    }
    case 'unknown_attribute':
      return {
        extraAttributes: (context.schema?.users?.attributes ?? [])
          .map((a) => a.target)
          .filter((target) => !pulumiUserAttributes.has(target)),
      };
    case 'invalid_team_members': {
      // Pulumi refuses the whole change when a member is not an active Pulumi user.
      const { entraUsers, pulumiUsers } = context.input;
      const blocked = [...(context.input.userMembers.get(outcome.entraId) ?? [])]
        .filter((u) => !pulumiUsers[context.users.pulumiOf[u] ?? -1]?.active)
        .map((u) => entraUsers[u]?.displayName || entraUsers[u]?.userPrincipalName || 'a member');
      return { member: blocked.length ? blocked : ['a member who is not an active Pulumi user'] };
    }
    default:
      return {};
  }
}

/**
 * For an object no longer in Entra, what its failure left behind: `error` while Pulumi still holds
 * what Entra meant to remove (an active account, a team), `info` when the account is already inactive
 * and only the delete was refused because deletes are switched on (`config.user_delete_enabled`
 * explains it), and null when Pulumi already is where Entra meant it to be.
 */
function goneObjectSeverity(context: RuleContext, outcome: LatestOutcome, cause: FailureCause) {
  if (/group/i.test(outcome.identityType))
    return context.groups.byEntra.has(outcome.entraId) ? ('error' as const) : null;
  const account = context.input.pulumiUsers[context.users.deletedLinks.get(outcome.entraId) ?? -1];
  if (!account) return null;
  if (account.active) return 'error' as const;
  const deletesOn = context.schema?.users?.flowTypes.has('Delete') ?? false;
  return cause === 'user_delete_unsupported' && deletesOn ? ('info' as const) : null;
}

/**
 * The cause stored at ingest, refined by what the directory now knows: a 400 on creating a user whose
 * mail is empty is a missing required value, whatever its words (the log can arrive before the
 * directory is read).
 */
function causeOf(outcome: LatestOutcome, user: { mail: string | null } | undefined): FailureCause {
  const stored = outcome.cause ?? 'unknown';
  if (stored !== 'unknown' || !user) return stored;
  return classifyCause({
    errorCode: outcome.errorCode,
    reason: outcome.reason,
    action: outcome.action,
    known: { userWithoutMail: !user.mail },
  });
}

/**
 * One `provisioning.failure` per object whose latest decisive log entry failed (an earlier failure
 * followed by a success is history, not a finding) — present, disabled, unassigned or deleted in
 * Entra — and `user.email_in_use` where Pulumi said the email belongs to another account.
 */
export function failureRules(context: RuleContext): void {
  const { input, findings } = context;
  const groups = new Map(input.entraGroups.map((g) => [g.id, g]));
  for (const outcome of context.failures.values()) {
    const user = input.entraUsers[context.userIndex.get(outcome.entraId) ?? -1];
    const group = groups.get(outcome.entraId);
    const cause = causeOf(outcome, user);
    // Gone from Entra: named from the log entry itself, and only while the failure left something behind.
    const goneSeverity = user || group ? undefined : goneObjectSeverity(context, outcome, cause);
    if (goneSeverity === null) continue;
    const severity = goneSeverity ?? (transientCauses.has(cause) ? ('warning' as const) : undefined);
    const displayName =
      user?.displayName ||
      user?.userPrincipalName ||
      group?.displayName ||
      outcome.displayName ||
      outcome.entraId;
    const subject = { entraId: outcome.entraId, displayName };
    findings.add(
      'provisioning.failure',
      subject,
      {
        objectType: outcome.identityType.toLowerCase(),
        action: outcome.action,
        errorCode: outcome.errorCode,
        reason: shortReason(outcome.reason),
        activityDateTime: outcome.activityDateTime,
        eventId: outcome.eventId,
        ...(user || group ? {} : { inEntra: 'deleted or no longer readable' }),
        ...causeDetails(
          context,
          { ...outcome, cause },
          {
            mail: user?.mail ?? null,
            groupName: group?.displayName ?? null,
          },
        ),
      },
      { cause, ...(severity ? { severity } : {}) },
    );
    if (cause === 'email_in_use' && user)
      findings.add('user.email_in_use', subject, {
        email: user.mail,
        userPrincipalName: user.userPrincipalName,
        reason: shortReason(outcome.reason),
      });
  }
}
