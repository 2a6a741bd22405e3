import type { Settings } from '../../../shared/contract';
import type { FindingSet } from './finding-set';
import type { LiveSchema } from './live-schema';
import type { Pairing, UserPairing } from './matching';
import type { LatestOutcome, NamedRow, ReconcileInput } from './reconcile-input';
import type { Scope } from './scope';

/** What every rule reads: the input, Entra's intent, the pairings, and where findings go. */
export interface RuleContext {
  input: ReconcileInput;
  settings: Partial<Settings>;
  schema: LiveSchema | null;
  scope: Scope;
  users: UserPairing;
  groups: Pairing<NamedRow>;
  /** Objects whose latest log entry failed, by Entra id. */
  failures: Map<string, LatestOutcome>;
  findings: FindingSet;
  /**
   * Entra user id → index into input.entraUsers, for the few ids rules meet outside the keyed reads
   * (assignments, failed log entries): memberships and links already arrive as indexes.
   */
  userIndex: Map<string, number>;
  /**
   * False until Pulumi's SCIM side has been read once: until then "not in Pulumi" would be a guess,
   * so only checks that need Entra's side alone (pre-flight, configuration) run.
   */
  pulumiKnown: boolean;
}
