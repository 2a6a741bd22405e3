import type { FindingSeverity, SyncRunResult } from '../../../shared/contract';
import { exitCodeFor } from '../fail-on';
import { print } from '../output';
import { withProfileCore } from '../profile-core';

function report(result: SyncRunResult, flags: SyncFlags): number {
  const { total, roots, byKind, bySeverity, unknownCauses } = result.run.counts.findings;
  if (flags.json)
    print(JSON.stringify({ ...result.summary, findings: { total, roots, byKind, unknownCauses } }));
  else {
    print(result.message);
    for (const error of result.summary.errors) if (error.hint) print(`  ${error.source}: ${error.hint}`);
    print(
      `Findings: ${total} open (${roots} root causes): ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info${unknownCauses ? `; ${unknownCauses} failure(s) of unknown cause` : ''}. See \`scimwatch findings\`.`,
    );
  }
  return exitCodeFor(result.run.counts, flags.failOn, result.summary.errors.length > 0);
}

interface SyncFlags {
  json: boolean;
  failOn?: FindingSeverity | undefined;
}

/** `scimwatch sync --once [--json]`: one poll of the active profile, here or by the server already polling it. */
export async function syncCommand(flags: SyncFlags): Promise<number> {
  return withProfileCore('scimwatch sync --once', async (caller) => {
    if (!flags.json && caller.server)
      print(`Profile "${caller.profile}" is polled by the server at ${caller.server}; asking it to sync.`);
    if (!flags.json && caller.demo)
      print('Demo mode: syncing an emulated Entra tenant and Pulumi org started for this run.');
    return report(await caller.call('sync.run', {}), flags);
  });
}
