import type { FailureCause } from '../../../shared/finding-kinds';
import { cloudTeamNameLimit, pulumiUserAttributes } from '../../../shared/pulumi-rules';
import { reportedNameLimit } from '../provisioning/classify-cause';
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
 * One `provisioning.failure` per object whose latest decisive log entry failed (an earlier failure
 * followed by a success is history, not a finding), and `user.email_in_use` where Pulumi said the
 * email belongs to another account.
 */
export function failureRules(context: RuleContext): void {
  const { input, findings } = context;
  const groups = new Map(input.entraGroups.map((g) => [g.id, g]));
  for (const outcome of context.failures.values()) {
    const user = input.entraUsers[context.userIndex.get(outcome.entraId) ?? -1];
    const group = groups.get(outcome.entraId);
    // An object since deleted in Entra: only a failed removal that left the account active matters.
    const removal = outcome.action === 'delete' || outcome.action === 'disable';
    const linkedAccount = input.pulumiUsers[context.users.deletedLinks.get(outcome.entraId) ?? -1];
    if (!user && !group && !(removal && linkedAccount?.active)) continue;
    const cause = outcome.cause ?? 'unknown';
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
        ...causeDetails(context, outcome, {
          mail: user?.mail ?? null,
          groupName: group?.displayName ?? null,
        }),
      },
      { cause, ...(transientCauses.has(cause) ? { severity: 'warning' as const } : {}) },
    );
    if (cause === 'email_in_use' && user)
      findings.add('user.email_in_use', subject, {
        email: user.mail,
        userPrincipalName: user.userPrincipalName,
        reason: shortReason(outcome.reason),
      });
  }
}
