import { resetScopes, type ResetScope } from '../../../shared/contract';
import { actionStateLabels, jobActionExplanations, resetScopeLabels } from '../../../shared/labels';
import { exitCodes } from '../exit-codes';
import { print } from '../output';
import { withProfileCore } from '../profile-core';

export interface JobFlags {
  action: 'start' | 'pause' | 'restart';
  resetScopes: ResetScope[];
  json: boolean;
}

/** Reads `--reset-scope` values, each one of Graph's scopes (ConnectorDataStore is not offered). */
export function parseResetScopes(values: string[] | undefined): ResetScope[] {
  return (values ?? []).map((value) => {
    const scope = resetScopes.find((s) => s.toLowerCase() === value.toLowerCase());
    if (!scope) throw new Error(`--reset-scope must be one of ${resetScopes.join(', ')}, not "${value}".`);
    return scope;
  });
}

/** `scimwatch job start|pause|restart [--reset-scope S…]`: for scripts, so no confirmation; it says what it did. */
export async function jobCommand(flags: JobFlags): Promise<number> {
  return withProfileCore(`scimwatch job ${flags.action}`, async (caller) => {
    const action = await caller.call('job.run', { action: flags.action, resetScopes: flags.resetScopes });
    if (flags.json) print(JSON.stringify(action));
    else {
      print(`${jobActionExplanations[flags.action]}`);
      for (const scope of flags.resetScopes) print(`  ${scope}: ${resetScopeLabels[scope]}`);
      print(`${actionStateLabels[action.state]}: ${action.message ?? ''}`);
    }
    return action.state === 'done' ? exitCodes.ok : exitCodes.error;
  });
}
