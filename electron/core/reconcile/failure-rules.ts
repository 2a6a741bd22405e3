import type { FailureCause } from '../../../shared/finding-kinds';
import type { RuleContext } from './rule-context';

/** Causes Entra retries on its own that often clear without anyone acting. */
const transientCauses = new Set<FailureCause>(['rate_limited', 'target_unavailable']);

/** Entra's reason text, shortened for evidence (it can quote a whole HTTP response). */
function shortReason(reason: string | null): string {
  const text = (reason ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 400 ? `${text.slice(0, 400)}…` : text || 'no reason given';
}

/**
 * One `provisioning.failure` per object whose latest decisive log entry failed (an earlier failure
 * followed by a success is history, not a finding), and `user.email_in_use` where Pulumi said the
 * email belongs to another account.
 */
export function failureRules(context: RuleContext): void {
  const { input, findings } = context;
  const users = new Map(input.entraUsers.map((u) => [u.id, u]));
  const groups = new Map(input.entraGroups.map((g) => [g.id, g]));
  for (const outcome of context.outcomes.values()) {
    if (outcome.status !== 'failure') continue;
    const user = users.get(outcome.entraId);
    const group = groups.get(outcome.entraId);
    // Objects since deleted in Entra: their old failures no longer describe anything Entra will retry.
    if (!user && !group) continue;
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
        objectType: user ? 'user' : 'group',
        action: outcome.action,
        errorCode: outcome.errorCode,
        reason: shortReason(outcome.reason),
        activityDateTime: outcome.activityDateTime,
        eventId: outcome.eventId,
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
