import { ScimWatchError, type ApiError, type SyncRunResult } from '../../../shared/contract';
import { readEnvironment } from '../../core/config/environment';
import { resolveDataDir } from '../../core/config/data-dir';
import { CoreHost } from '../../core/core-host';
import { currentLockHolder, describeHolder, type LockHolder } from '../../core/profiles/profile-lock';
import { resolveActiveProfile } from '../../core/profiles/profile-registry';
import { assertSecureUrl } from '../../core/transport/transport-factory';

import { exitCodes } from '../exit-codes';
import { print } from '../output';

/** Asks the server that holds the profile to run the sync, instead of polling beside it. */
async function delegate(holder: LockHolder & { url: string; accessToken: string }): Promise<SyncRunResult> {
  assertSecureUrl(holder.url);
  const response = await fetch(`${holder.url}/api/sync.run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${holder.accessToken}` },
    body: '{}',
  });
  const body = (await response.json()) as
    { ok: true; result: SyncRunResult } | { ok: false; error: ApiError };
  if (!body.ok) throw new ScimWatchError(body.error.code, body.error.message, body.error.hint);
  return body.result;
}

/** `scimwatch sync --once`: one poll of the active profile, here or by the server already polling it. */
export async function syncCommand(): Promise<number> {
  const environment = readEnvironment(process.env);
  const dataDir = resolveDataDir(process.env);
  const profile = resolveActiveProfile(dataDir, environment).name;
  const holder = currentLockHolder(dataDir, profile);
  if (holder?.url && holder.accessToken) {
    print(`Profile "${profile}" is polled by the server at ${holder.url}; asking it to sync.`);
    print((await delegate({ ...holder, url: holder.url, accessToken: holder.accessToken })).message);
    return exitCodes.ok;
  }
  if (holder) {
    throw new ScimWatchError(
      'profile_locked',
      describeHolder(profile, holder),
      'Wait for it to finish, or stop it.',
    );
  }
  const core = await CoreHost.start({
    hostKind: 'cli',
    lockAs: { command: 'scimwatch sync --once', url: null },
  });
  try {
    print((await core.call('sync.run', {})).message);
    return exitCodes.ok;
  } finally {
    await core.close();
  }
}
