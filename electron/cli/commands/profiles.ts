import { CoreHost } from '../../core/core-host';
import { exitCodes } from '../exit-codes';
import { formatProfiles } from '../format-status';
import { print } from '../output';

/** `scimwatch profiles [--json]`: every profile, the active one starred. */
export async function profilesCommand(flags: { json: boolean }): Promise<number> {
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    const profiles = await core.call('profiles.list', {});
    if (flags.json) print(JSON.stringify(profiles, null, 2));
    else formatProfiles(profiles).forEach((line) => print(line));
    return exitCodes.ok;
  } finally {
    await core.close();
  }
}
