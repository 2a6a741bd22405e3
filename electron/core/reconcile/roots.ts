import type { Finding } from '../../../shared/contract';
import type { FailureCause } from '../../../shared/finding-kinds';
import { findingKey, type FindingSet } from './finding-set';

/** For a failure of each cause: the finding that explains it, when the run has one. */
const causeRoots: Partial<Record<FailureCause, (f: Finding) => string[]>> = {
  unknown_attribute: () => [findingKey('config.extra_user_attributes')],
  unauthorized: () => [findingKey('connection.pulumi_unauthorized')],
  email_in_use: (f) => [findingKey('user.email_in_use', { entraId: f.entraId })],
  team_name_too_long: (f) => [findingKey('team.name_too_long', { entraId: f.entraId })],
  missing_required_value: (f) => [findingKey('user.missing_email', { entraId: f.entraId })],
  user_delete_unsupported: () => [findingKey('config.user_delete_enabled')],
  username_immutable: () => [findingKey('config.username_not_create_only')],
};

/** Kinds that are causes in their own right: never filed under an object's failure. */
const rootKinds = new Set<Finding['kind']>([
  'provisioning.failure',
  'user.missing_email',
  'user.duplicate_email',
  'team.name_too_long',
]);

/** The candidate causes of each symptom, most specific first (only ones present in the run count). */
function candidates(finding: Finding, byPrefix: (prefix: string) => string[]): string[] {
  const own = { entraId: finding.entraId };
  // Whatever else is wrong with an object whose latest push failed, that failure explains it first.
  const ownFailure =
    finding.entraId && !rootKinds.has(finding.kind) ? [findingKey('provisioning.failure', own)] : [];
  switch (finding.kind) {
    case 'provisioning.failure':
      return [
        ...(finding.cause ? (causeRoots[finding.cause]?.(finding) ?? []) : []),
        ...(finding.cause === 'invalid_team_members'
          ? byPrefix(`${findingKey('team.member_not_provisioned', own)}|`)
          : []),
        // Pushing to the wrong organization (or none) explains every failure.
        findingKey('config.tenant_url'),
      ];
    case 'user.email_in_use':
      return [findingKey('user.duplicate_email', own)];
    case 'user.missing_in_pulumi':
      return [findingKey('user.missing_email', own), findingKey('user.duplicate_email', own), ...ownFailure];
    case 'team.missing_in_pulumi':
      return [findingKey('team.name_too_long', own), ...ownFailure];
    case 'team.member_not_provisioned': {
      const member = typeof finding.evidence.memberId === 'string' ? finding.evidence.memberId : '';
      return [
        findingKey('user.missing_email', { entraId: member }),
        findingKey('user.duplicate_email', { entraId: member }),
        findingKey('provisioning.failure', { entraId: member }),
        findingKey('user.missing_in_pulumi', { entraId: member }),
        findingKey('user.inactive_in_pulumi', { entraId: member }),
        findingKey('config.users_mapping_disabled'),
      ];
    }
    case 'job.quarantined':
    case 'job.stalled':
    case 'job.near_quarantine':
      return [findingKey('connection.pulumi_unauthorized'), findingKey('config.tenant_url')];
    default:
      return ownFailure;
  }
}

/**
 * Links each symptom to the finding that causes it, following chains to the first cause (a member's
 * missing team seat → her missing account → her failure → the email another account holds).
 */
export function linkRoots(findings: FindingSet): void {
  const all = findings.all();
  const keys = all.map((f) => f.key).sort();
  const byPrefix = (prefix: string) => keys.filter((k) => k.startsWith(prefix));
  const direct = new Map<string, string>();
  for (const finding of all) {
    const cause = candidates(finding, byPrefix).find((key) => key !== finding.key && findings.get(key));
    if (cause) direct.set(finding.key, cause);
  }
  for (const finding of all) {
    let root = direct.get(finding.key);
    const seen = new Set([finding.key]);
    while (root && direct.has(root) && !seen.has(root)) {
      seen.add(root);
      root = direct.get(root);
    }
    if (root) finding.rootKey = root;
  }
}
