import type { ChecklistStep, Finding, RunCounts, Settings } from '../../../shared/contract';
import { configurationChecklist } from './configuration-checklist';
import { connectionRules } from './connection-rules';
import { failureRules } from './failure-rules';
import { FindingSet } from './finding-set';
import { jobRules } from './job-rules';
import { readLiveSchema } from './live-schema';
import { matchGroups, matchUsers } from './matching';
import type { ReconcileInput } from './reconcile-input';
import { linkRoots } from './roots';
import type { RuleContext } from './rule-context';
import { countRun } from './run-counts';
import { computeScope } from './scope';
import { teamRules } from './team-rules';
import { userRules } from './user-rules';

export interface Reconciliation {
  /** Sorted by key, so two runs over the same input produce identical output. */
  findings: Finding[];
  counts: RunCounts;
  checklist: ChecklistStep[];
}

/**
 * Joins what Entra intends with what Pulumi holds. Pure and linear: every rule walks the input once,
 * users by index into typed arrays and the rest with hash lookups, so time grows with the tenant's
 * size, not its square.
 */
export function reconcile(input: ReconcileInput, settings: Partial<Settings>): Reconciliation {
  const userIndex = new Map(input.entraUsers.map((user, i) => [user.id, i]));
  const schema = readLiveSchema(input.schema);
  const scope = computeScope(input, userIndex, schema);
  const context: RuleContext = {
    input,
    settings,
    schema,
    scope,
    userIndex,
    users: matchUsers(input),
    groups: matchGroups(input, scope.groups),
    failures: new Map(input.failures.map((outcome) => [outcome.entraId, outcome])),
    findings: new FindingSet(),
    pulumiKnown: input.pulumiReadAt !== null,
  };
  const checklist = configurationChecklist(context);
  connectionRules(context);
  failureRules(context);
  userRules(context);
  teamRules(context);
  jobRules(context);
  linkRoots(context.findings);
  const findings = context.findings.all().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { findings, counts: countRun(context, findings), checklist };
}
