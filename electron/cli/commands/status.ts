import { CoreHost } from '../../core/core-host';
import { exitCodes } from '../exit-codes';
import { formatStatus } from '../format-status';
import { print } from '../output';

/** `scimwatch status [--json]`: exits 1 when the live profile is incomplete or a source is failing. */
export async function statusCommand(flags: { json: boolean }): Promise<number> {
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    const status = await core.call('app.status', {});
    if (flags.json) print(JSON.stringify(status, null, 2));
    else formatStatus(status).forEach((line) => print(line));
    const failing = [status.sources.entra, status.sources.pulumi].some((s) => s.health === 'error');
    return status.profile.missing.length || failing ? exitCodes.error : exitCodes.ok;
  } finally {
    await core.close();
  }
}
